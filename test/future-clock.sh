#!/usr/bin/env bash
# `npm run test:unit:future`: the vitest suite once more, on a date years ahead and in a time zone far
# from UTC, so a test or a piece of code that reads today's date (instead of the test's clock), or
# mixes UTC and local dates, fails now rather than on a customer's machine some day (issue 7: a
# backup test that passed until 2026-11-29 and failed from then on).
#
# The date: 23:58 on a leap day, so the local date rolls over to 1 March during the run; the zone:
# Line Islands, UTC+14, where the local date is a day ahead of UTC for 14 hours of each day.
#
# Debian's faketime (libfaketime) does it: it preloads a library that answers the C library's time
# calls (Node 24 reads the wall clock through libc's clock_gettime, so Date follows; checked below).
#   -m                              the thread-safe build of the library (Node runs several threads).
#   @DATE                           start there and let the clock run, at its normal speed.
#   FAKETIME_DONT_RESET=1           every process started inside (vitest's workers, the CLI, `serve`,
#                                   fixtures) goes on from the same clock instead of starting at DATE
#                                   again, so processes agree on the time.
#   FAKETIME_DONT_FAKE_MONOTONIC=1  only the wall clock moves; the monotonic clock that timers and
#                                   performance.now() use stays real, so timeouts behave as usual.
# It fails, never skips, when faketime is missing or does not change the time Node sees.
set -euo pipefail

FUTURE='2028-02-29 23:58:00'
export TZ='Pacific/Kiritimati'
export FAKETIME_DONT_RESET=1
export FAKETIME_DONT_FAKE_MONOTONIC=1

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:unit:future: faketime is not installed (Debian: apt-get install faketime); this run cannot be skipped" >&2
  exit 1
fi

# Node must see the fake date and the zone, or this run would prove nothing.
seen=$(faketime -m -f "@$FUTURE" node -e 'const d = new Date(); process.stdout.write(`${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${d.getTimezoneOffset()}`)')
case "$seen" in
  '2028-2-29 -840' | '2028-3-1 -840') ;;
  *)
    echo "test:unit:future: faketime did not change the clock Node sees (expected 2028-2-29 in UTC+14, saw \"$seen\")" >&2
    exit 1
    ;;
esac

echo "test:unit:future: the vitest suite at $FUTURE ($TZ)" >&2
exec faketime -m -f "@$FUTURE" vitest run "$@"
