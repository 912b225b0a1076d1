#!/usr/bin/env bash
# Runs the whole suite (./mvnw verify, the README's test command) as if it were another moment, to show that no test
# depends on today's date.
#
#   deploy/suite-at.sh WHEN [maven args...]              the services' clock (GOALS_CLOCK_OFFSET) and the tests' dates
#                                                         start at WHEN; Kafka, MongoDB and tokens keep real time
#   deploy/suite-at.sh --faketime WHEN [maven args...]   every process of the build (Maven, the tests, the broker, the
#                                                         store, the services) runs on a clock moved to WHEN by
#                                                         libfaketime (Debian package faketime)
#
# WHEN: an ISO date-time with offset (2026-12-31T23:30:00+08:00), or one of the moments just before something happens
# in Shanghai: sunday-2330 (next Sunday 23:30, half an hour before the week turns), monday-0959 (next Monday 09:59, a
# minute before the weekly plans fall due), year-end (31 December 23:30 of this year).
set -euo pipefail
cd "$(dirname "$0")/.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true

mode=clock
if [[ "${1:-}" == "--faketime" ]]; then
  mode=faketime
  shift
fi
when="${1:?usage: deploy/suite-at.sh [--faketime] WHEN|sunday-2330|monday-0959|year-end [maven args...]}"
shift

at=$(python3 - "$when" <<'PY'
import sys, datetime as dt
from zoneinfo import ZoneInfo
sh = ZoneInfo("Asia/Shanghai")
now = dt.datetime.now(sh)
when = sys.argv[1]
def next_weekday(weekday, hour, minute):
    day = now.date() + dt.timedelta(days=1)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=sh)
if when == "sunday-2330":
    t = next_weekday(6, 23, 30)
elif when == "monday-0959":
    t = next_weekday(0, 9, 59)
elif when == "year-end":
    t = dt.datetime(now.year, 12, 31, 23, 30, tzinfo=sh)
    if t <= now:
        t = t.replace(year=now.year + 1)
else:
    t = dt.datetime.fromisoformat(when)
    if t.tzinfo is None:
        sys.exit("WHEN needs an offset, e.g. 2026-12-31T23:30:00+08:00")
print(t.isoformat())
PY
)
echo "suite-at: running ./mvnw verify at $at ($mode)"
if [[ $mode == clock ]]; then
  exec ./mvnw -B verify -Dgoals.clock="$at" "$@"
fi
command -v faketime >/dev/null || { echo "suite-at: faketime is not installed (apt-get install faketime)" >&2; exit 2; }
offset=$(python3 -c "import sys, datetime as dt; print(int((dt.datetime.fromisoformat(sys.argv[1]) - dt.datetime.now(dt.timezone.utc)).total_seconds()))" "$at")
# a relative offset, so every process started later (the services) agrees with the ones started now. The monotonic
# clock moves by the same offset, which no JVM notices (it only subtracts two readings): left alone
# (FAKETIME_DONT_FAKE_MONOTONIC=1), libfaketime 0.9.10 ends the JVM's timed waits at once (Object.wait(500) took 0 ms),
# and the JDK HTTP client then timed out answers that had come (PeerServiceTest, 2026-12-07)
sign="+"; [[ $offset == -* ]] && sign="-"
exec faketime -f "${sign}${offset#-}s" ./mvnw -B verify "$@"
