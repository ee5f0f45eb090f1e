#!/bin/bash
# Every 30 s: uptime, steal, major faults, DAMON pageout stats, page cache size.
while true; do
  t=$(date -u +%H:%M:%S)
  steal=$(awk '/^cpu /{print $9}' /proc/stat)
  maj=$(awk '/^pgmajfault /{print $2}' /proc/vmstat)
  pgout=$(awk '/^pgpgout /{print $2}' /proc/vmstat)
  cache=$(awk '/^Cached:/{print $2}' /proc/meminfo)
  tried=$(cat /sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/stats/sz_tried 2>/dev/null)
  applied=$(cat /sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/stats/sz_applied 2>/dev/null)
  echo "$t steal=$steal majflt=$maj pgpgout=$pgout cached_kb=$cache damon_tried=$tried damon_applied=$applied"
  sleep 30
done
