#!/usr/bin/env bash
# Every SQL statement of the server is in its store (server/serve/store.cpp, and db.cpp for the
# schema plumbing): a handler or command asks the store. Fails naming each line elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
if hits=$(grep -rnE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE|ALTER TABLE)\b' \
    --include='*.cpp' --include='*.hpp' server plugin core | grep -vE '^server/serve/(store|db)\.cpp:'); then
  echo "SQL outside server/serve/store.cpp:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "all SQL is in server/serve/store.cpp and db.cpp"
