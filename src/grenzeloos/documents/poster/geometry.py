"""The poster's measures: the A3 page, its margins and grid, the font sizes and spacing.

Held apart because every step reads them: fitting sizes a box's text by them, the layout
divides the page by them, drawing places every run by them, and the tests check a poster
against them. All lengths are millimetres, all font sizes points.
"""

from __future__ import annotations

PAGE_W, PAGE_H = 420.0, 297.0  # A3 landscape
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 8.0, 8.0, 10.0
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
HEAD_H, FOOT_H, GAP = 21.0, 7.0, 2.5
GRID_TOP = HEAD_H + GAP
GRID_H = CONTENT_H - HEAD_H - FOOT_H - 2 * GAP

PAD, BORDER, TOP_BORDER = 2.0, 0.3, 1.5
TITLE_PT, HINT_PT = 10.5, 7.0
MAX_PT, MIN_PT, STEP_PT = 11.0, 7.0, 0.5
LINE = 1.25  # line-height
#: Heights are budgeted with this much room to spare (widths: :data:`.._fonts.WIDTH_SAFETY`).
HEIGHT_SAFETY = 0.97

GROUP_GAP_EM = 1.2
SIZES = tuple(MAX_PT - STEP_PT * i for i in range(int((MAX_PT - MIN_PT) / STEP_PT) + 1))

#: Follow-up pages: three columns of text at a comfortable size.
CONT_PT, CONT_HEAD_PT, CONT_COLUMNS, CONT_GAP = 9.0, 10.5, 3, 7.0
CONT_TOP = 9.0  # the running title of a follow-up page
CONT_W = (CONTENT_W - (CONT_COLUMNS - 1) * CONT_GAP) / CONT_COLUMNS
CONT_H = (CONTENT_H - CONT_TOP) * HEIGHT_SAFETY
