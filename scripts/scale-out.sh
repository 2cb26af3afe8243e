#!/usr/bin/env bash
# Run a command against Grenzeloos scaled out, all on loopback from Debian packages, then stop it:
# PostgreSQL, redis-server, two `grenzeloos serve` processes on two ports, nginx in front (HTTP
# and HTTPS with a self-signed certificate), like deploy/compose.yaml does with containers.
#
#   scripts/scale-out.sh .venv/bin/pytest -q -m scaleout tests/scaleout
#   scripts/scale-out.sh sleep infinity        # and try it: the proxy's address is printed
#
# The command gets GRENZELOOS_SCALEOUT_URL (nginx, http), GRENZELOOS_SCALEOUT_HTTPS_URL,
# GRENZELOOS_SCALEOUT_APPS (the two processes, space separated) and GRENZELOOS_SCALEOUT_ENV (a
# file with the processes' environment, to run `grenzeloos` commands on the same store).
# Ports: GRENZELOOS_PG_PORT (55432) and GRENZELOOS_SCALEOUT_PORT (58100: apps on it and the next
# one, nginx on +2 (http) and +3 (https), Redis on +4).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
python=${GRENZELOOS_PYTHON:-$root/.venv/bin/python}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for need in "$pg_bin/postgres" "$nginx" "$(command -v redis-server || true)" "$(command -v openssl || true)"; do
  if [ ! -x "$need" ]; then
    echo "scale-out needs PostgreSQL, nginx, redis-server and openssl (apt-get install postgresql nginx redis-server openssl)" >&2
    exit 1
  fi
done

pg_port=${GRENZELOOS_PG_PORT:-55432}
base=${GRENZELOOS_SCALEOUT_PORT:-58100}
app_a=$base app_b=$((base + 1)) http_port=$((base + 2)) https_port=$((base + 3)) redis_port=$((base + 4))
dir=$(mktemp -d /tmp/grenzeloos-scale-out.XXXXXX)
chmod 755 "$dir"
pids=()
as_pg=()
if [ "$(id -u)" = 0 ]; then
  mkdir "$dir/pg" && chown postgres "$dir/pg"
  as_pg=(runuser -u postgres --)
else
  mkdir "$dir/pg"
fi
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

wait_for() {  # URL, what
  for _ in $(seq 1 300); do
    if "$python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "scale-out: $2 did not answer at $1" >&2
  tail -n 20 "$dir"/*.log >&2 || true
  exit 1
}

# PostgreSQL
"${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg" -A trust -U grenzeloos -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w \
  -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U grenzeloos grenzeloos

# Redis: a cache and counters, nothing to keep on disk.
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  >"$dir/redis.log" 2>&1 &
pids+=($!)

# The two app processes share the store, Redis and one secret key (so one session works on both).
# The address lock-out limit is lower than production's so the tests reach it quickly, and there
# is no wait between failed sign-ins (the tests fail them in a row).
mkdir "$dir/data"
cat >"$dir/app.env" <<EOF
DATABASE_URL=postgres://grenzeloos@127.0.0.1:$pg_port/grenzeloos
REDIS_URL=redis://127.0.0.1:$redis_port/0
GRENZELOOS_DATA_DIR=$dir/data
GRENZELOOS_SECRET_KEY=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
GRENZELOOS_TRUSTED_PROXIES=127.0.0.1
GRENZELOOS_ALLOWED_HOSTS=127.0.0.1,localhost
GRENZELOOS_LOG_LEVEL=${GRENZELOOS_LOG_LEVEL:-WARNING}
GRENZELOOS_LOCKOUT_ADDRESS_LIMIT=${GRENZELOOS_LOCKOUT_ADDRESS_LIMIT:-20}
GRENZELOOS_LOGIN_DELAY_SECONDS=${GRENZELOOS_LOGIN_DELAY_SECONDS:-0}
DJANGO_SETTINGS_MODULE=grenzeloos.settings
PYTHONPATH=$root/src
EOF
app_env=()
while IFS= read -r line; do app_env+=("$line"); done <"$dir/app.env"
env "${app_env[@]}" "$python" -m grenzeloos demo --if-empty >/dev/null  # migrates once, first
for port in "$app_a" "$app_b"; do
  env "${app_env[@]}" "$python" -m grenzeloos serve --port "$port" >"$dir/app-$port.log" 2>&1 &
  pids+=($!)
done

# nginx in front of both: the client's address and scheme in X-Forwarded-For/-Proto.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -keyout "$dir/proxy.key" -out "$dir/proxy.crt" >/dev/null 2>&1
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $dir/nginx-body;
  proxy_temp_path $dir/nginx-proxy;
  fastcgi_temp_path $dir/nginx-fastcgi;
  uwsgi_temp_path $dir/nginx-uwsgi;
  scgi_temp_path $dir/nginx-scgi;
  client_max_body_size 5m;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream grenzeloos {
    server 127.0.0.1:$app_a;
    server 127.0.0.1:$app_b;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$http_port;
    listen 127.0.0.1:$https_port ssl;
    ssl_certificate $dir/proxy.crt;
    ssl_certificate_key $dir/proxy.key;
    location / {
      proxy_pass http://grenzeloos;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
    }
  }
}
EOF
"$nginx" -p "$dir" -c "$dir/nginx.conf" 2>>"$dir/nginx.log" &
pids+=($!)

wait_for "http://127.0.0.1:$app_a/healthz" "app process A"
wait_for "http://127.0.0.1:$app_b/healthz" "app process B"
wait_for "http://127.0.0.1:$http_port/healthz" "nginx"

echo "Scaled out: nginx http://127.0.0.1:$http_port/ and https://127.0.0.1:$https_port/ in front of" \
  "127.0.0.1:$app_a and 127.0.0.1:$app_b, PostgreSQL at :$pg_port, Redis at :$redis_port"
status=0
GRENZELOOS_SCALEOUT_URL="http://127.0.0.1:$http_port" \
  GRENZELOOS_SCALEOUT_HTTPS_URL="https://127.0.0.1:$https_port" \
  GRENZELOOS_SCALEOUT_APPS="http://127.0.0.1:$app_a http://127.0.0.1:$app_b" \
  GRENZELOOS_SCALEOUT_ENV="$dir/app.env" \
  "$@" || status=$?
exit $status
