#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the farm tests and for trying `facelab farm` locally:
#   scripts/slurm-node.sh start    munged + slurmctld + slurmd on 127.0.0.1; returns when the node is idle
#   scripts/slurm-node.sh stop     shuts them down and waits until they are gone
#   scripts/slurm-node.sh status   the node's state (sinfo), exit 1 when Slurm is not answering
# Needs root and Debian's slurm-wlm and munge (scripts/install-system-packages.sh --tests installs them).
# Runs the daemons directly (no systemd, no cgroups: proctrack/linuxproc, task/none) and writes
# /etc/slurm/slurm.conf, /var/lib/slurm, /var/log/slurm and /run/slurm. Job ids restart at 1 on each start.
set -euo pipefail

state=/var/lib/slurm
logs=/var/log/slurm
pids=/run/slurm

require() {
  [ "$(id -u)" -eq 0 ] || { echo "slurm-node: must run as root (it starts system daemons)" >&2; exit 1; }
  command -v slurmctld >/dev/null && command -v munged >/dev/null \
    || { echo "slurm-node: slurm-wlm and munge are not installed; run scripts/install-system-packages.sh --tests" >&2; exit 1; }
}

write_config() {
  local memory node
  # Slightly below the memory free now, and the CPU layout slurmd itself reports, so the node
  # registers as it is instead of being drained for a mismatch.
  memory=$(awk '/MemAvailable/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
  node=$(slurmd -C | head -1 | sed "s/RealMemory=[0-9]*/RealMemory=${memory}/")
  mkdir -p /etc/slurm "$state/ctld" "$state/d" "$logs" "$pids"
  cat > /etc/slurm/slurm.conf <<EOF
ClusterName=facelab
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# A job whose afterok dependency can no longer be met is cancelled rather than left pending.
# Slurm 22.05 reads this only here (under SchedulerParameters it is ignored without a word).
DependencyParameters=kill_invalid_depend
# Without accounting, finished jobs are known only while squeue keeps them: keep them 10 minutes.
MinJobAge=600
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$pids/slurmctld.pid
SlurmdPidFile=$pids/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

# A process counts as gone when it has exited, also while it waits as a zombie for PID 1 to reap it.
alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ "${stat:0:1}" != Z ]
}

pid_of() { [ -s "$1" ] && cat "$1" || true; }

stop() {
  local waiting=() pid
  for pid in $(pid_of $pids/slurmctld.pid) $(pid_of $pids/slurmd.pid) $(pid_of /run/munge/munged.pid); do
    alive "$pid" && waiting+=("$pid")
  done
  scontrol shutdown >/dev/null 2>&1 || true
  pid=$(pid_of /run/munge/munged.pid)
  [ -n "$pid" ] && alive "$pid" && kill "$pid"
  for pid in "${waiting[@]}"; do
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  done
  rm -f $pids/slurmctld.pid $pids/slurmd.pid
  echo "slurm-node: stopped"
}

start() {
  local started=$SECONDS
  require
  stop >/dev/null
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey -c -f -k /etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
  runuser -u munge -- /usr/sbin/munged
  munge -n | unmunge >/dev/null
  write_config
  rm -rf "${state:?}/ctld/"* "${state:?}/d/"*
  slurmctld
  slurmd
  for _ in $(seq 1 120); do
    [ "$(sinfo -h -o '%t' 2>/dev/null)" = idle ] && break
    sleep 0.25
  done
  if [ "$(sinfo -h -o '%t' 2>/dev/null)" != idle ]; then
    echo "slurm-node: the node did not become idle; the logs end:" >&2
    tail -n 20 $logs/slurmctld.log $logs/slurmd.log >&2 || true
    exit 1
  fi
  echo "slurm-node: up, node idle after $((SECONDS - started)) s ($(sinfo -h -o '%c CPUs, %m MB'))"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
