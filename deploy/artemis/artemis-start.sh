#!/bin/bash
# Makes the broker instance on the first start, with the user from ARTEMIS_USER and ARTEMIS_PASSWORD and the
# task address settings MicroPosts asks of a standalone broker, then runs it in the foreground.
set -euo pipefail
instance=/var/lib/artemis-instance
if [[ ! -x $instance/bin/artemis ]]; then
  : "${ARTEMIS_PASSWORD:?ARTEMIS_PASSWORD must be set}"
  /opt/artemis/bin/artemis create "$instance" --force --silent --nio \
    --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" --require-login \
    --host 0.0.0.0 --http-host 0.0.0.0 --relax-jolokia --java-memory "$ARTEMIS_JAVA_MEMORY" >/dev/null
  # why: without these a task whose worker keeps dying is dropped after ten attempts instead of dead-lettered
  sed -i '/<\/address-settings>/e cat /opt/artemis-setup/task-address-settings.xml' "$instance/etc/broker.xml"
  grep -q '<address-setting match="tasks.#">' "$instance/etc/broker.xml"
  echo "artemis-start: made the broker instance in $instance"
fi
exec "$instance/bin/artemis" run
