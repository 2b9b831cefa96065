#!/usr/bin/env bash
# Builds test/fixtures/wordpress-real/ from a real WordPress: Debian's `wordpress` package, installed
# into a fresh MariaDB database, filled by scripts/wordpress-fixture.php through WordPress's own
# functions and exported with WordPress's own export code (Tools → Export).
#
#   scripts/wordpress-fixture.sh [OUTPUT_DIR]
#
# Needs root for apt-get (skipped when WordPress is already installed) and a MariaDB or MySQL server;
# WP_FIXTURE_DB_HOST (default 127.0.0.1:3306), WP_FIXTURE_DB_USER (root) and WP_FIXTURE_DB_PASSWORD
# (empty) reach it. The database wp_fixture is dropped and created again on every run.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/test/fixtures/wordpress-real}
db_host=${WP_FIXTURE_DB_HOST:-127.0.0.1:3306}
db_user=${WP_FIXTURE_DB_USER:-root}
db_password=${WP_FIXTURE_DB_PASSWORD:-}
db_name=wp_fixture

if [ ! -f /usr/share/wordpress/wp-load.php ] || ! php -r 'exit(extension_loaded("mysqli") && extension_loaded("gd") ? 0 : 1);' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wordpress php-cli php-mysql php-gd
fi

# A private copy of the package's files with a wp-config.php of our own: Debian's picks a file in
# /etc/wordpress by host name, which a command-line run has not got, and the system stays untouched.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a /usr/share/wordpress "$work/wordpress"
rm -rf "$work/wordpress/wp-content"
mkdir -p "$work/wordpress/wp-content/uploads"
cat > "$work/wordpress/wp-config.php" <<PHP
<?php
define('DB_NAME', '$db_name');
define('DB_USER', '$db_user');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', '$db_host');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', 'https://www.battery-materials-cluster.example');
define('WP_SITEURL', 'https://www.battery-materials-cluster.example');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', 'https://www.battery-materials-cluster.example/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP

mysql_args=(-h "${db_host%%:*}" -P "${db_host##*:}" -u "$db_user")
[ -n "$db_password" ] && mysql_args+=(-p"$db_password")
mysql "${mysql_args[@]}" -e "DROP DATABASE IF EXISTS $db_name; CREATE DATABASE $db_name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

rm -rf "$out"
mkdir -p "$out"
php "$repo/scripts/wordpress-fixture.php" "$work/wordpress" "$out/export.xml"
# Only the files the export names (originals and the sizes WordPress made of them), as the site holds them.
cp -r "$work/wordpress/wp-content/uploads" "$out/uploads"
mysql "${mysql_args[@]}" -e "DROP DATABASE $db_name"
echo "Wrote $out/export.xml and $out/uploads ($(du -sh "$out" | cut -f1))"
