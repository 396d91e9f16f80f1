//===- Sandbox.cpp - What a hostile case's child does before exec ---------===//
#include "tests/hostile/Sandbox.h"

#include <seccomp.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace rampart::hostile {

std::string dropRootPrivileges() {
  if (geteuid() != 0)
    return "";
  // Root keeps its own uid (so a checkout under /root, mode 0700, stays
  // reachable) but loses the capabilities that bypass file permissions, for
  // good: dropped from the bounding set, they do not come back at exec.
  if (prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0) == 0 &&
      prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0) == 0)
    return "";
  constexpr uid_t Nobody = 65534;
  if (setgroups(0, nullptr) != 0 || setgid(Nobody) != 0 || setuid(Nobody) != 0)
    return std::string("cannot drop root's file access: ") + strerror(errno);
  return "";
}

namespace {

/// Every system call that changes the file system without an open.
constexpr int FileSystemChanges[] = {
    SCMP_SYS(creat),     SCMP_SYS(rename),   SCMP_SYS(renameat),
    SCMP_SYS(renameat2), SCMP_SYS(unlink),   SCMP_SYS(unlinkat),
    SCMP_SYS(mkdir),     SCMP_SYS(mkdirat),  SCMP_SYS(rmdir),
    SCMP_SYS(link),      SCMP_SYS(linkat),   SCMP_SYS(symlink),
    SCMP_SYS(symlinkat), SCMP_SYS(truncate), SCMP_SYS(chmod),
    SCMP_SYS(fchmodat),  SCMP_SYS(chown),    SCMP_SYS(lchown),
    SCMP_SYS(fchownat),  SCMP_SYS(mknod),    SCMP_SYS(mknodat),
    SCMP_SYS(utimensat), SCMP_SYS(setxattr), SCMP_SYS(lsetxattr)};

constexpr int NewProcessesAndSockets[] = {
    SCMP_SYS(fork),    SCMP_SYS(vfork),      SCMP_SYS(execveat),
    SCMP_SYS(socket),  SCMP_SYS(socketpair), SCMP_SYS(connect),
    SCMP_SYS(bind),    SCMP_SYS(listen),     SCMP_SYS(accept),
    SCMP_SYS(accept4), SCMP_SYS(sendto),     SCMP_SYS(sendmsg)};

/// Flags of open(2) and openat(2) that mean writing.
constexpr int WriteFlags[] = {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND};

/// 0, or the first error (a negative errno) of adding the rules.
int addRules(scmp_filter_ctx Ctx) {
  constexpr uint32_t Kill = SCMP_ACT_KILL_PROCESS;
  int Rc = 0;
  auto Add = [&](uint32_t Action, int Call, unsigned Count,
                 scmp_arg_cmp Arg = {}) {
    if (Rc == 0)
      Rc = Count ? seccomp_rule_add(Ctx, Action, Call, 1, Arg)
                 : seccomp_rule_add(Ctx, Action, Call, 0);
  };
  for (int Call : FileSystemChanges)
    Add(Kill, Call, 0);
  for (int Call : NewProcessesAndSockets)
    Add(Kill, Call, 0);
  for (int Flag : WriteFlags) {
    scmp_datum_t F = static_cast<scmp_datum_t>(Flag);
    Add(Kill, SCMP_SYS(open), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, F, F));
    Add(Kill, SCMP_SYS(openat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, F, F));
  }
  // Threads are clones with CLONE_THREAD; anything else is a process.
  Add(Kill, SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
  // clone3 and openat2 pass their flags in memory a filter cannot read:
  // ENOSYS makes glibc fall back to clone and openat.
  Add(SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
  Add(SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
  return Rc;
}

} // namespace

std::string forbidWritesProcessesAndSockets() {
  // LeakSanitizer stops the world from a clone that is not a thread; the
  // other cases run it.
  std::string Asan = getenv("ASAN_OPTIONS") ? getenv("ASAN_OPTIONS") : "";
  setenv("ASAN_OPTIONS", (Asan + ":detect_leaks=0").c_str(), 1);
  scmp_filter_ctx Ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!Ctx)
    return "seccomp_init failed";
  int Rc = addRules(Ctx);
  if (Rc == 0)
    Rc = seccomp_load(Ctx);
  seccomp_release(Ctx);
  return Rc == 0 ? "" : std::string("seccomp: ") + strerror(-Rc);
}

} // namespace rampart::hostile
