//===- Harness.cpp - Runs rampart on hostile input, within bounds ---------===//
#include "tests/hostile/Harness.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rampart::hostile {

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#endif
#endif
  return false;
}

namespace {

using Clock = std::chrono::steady_clock;

/// Resident memory of a running process, from /proc/PID/statm.
size_t residentMB(pid_t Pid) {
  std::ifstream Statm("/proc/" + std::to_string(Pid) + "/statm");
  size_t Pages = 0, Resident = 0;
  if (!(Statm >> Pages >> Resident))
    return 0;
  return Resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

/// The phase of the last "rampart: [1.234 s] phase" line.
void notePhases(llvm::StringRef Stderr, std::string &LastPhase) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Stderr.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (!Line.consume_front("rampart: ["))
      continue;
    size_t Close = Line.find("] ");
    if (Close != llvm::StringRef::npos)
      LastPhase = Line.drop_front(Close + 2).str();
  }
}

[[noreturn]] void execChild(const std::string &Program,
                            const std::vector<std::string> &Args,
                            const std::string &Dir, const Limits &L,
                            const std::function<std::string()> &Prepare,
                            int Out, int Err) {
  dup2(Out, STDOUT_FILENO);
  dup2(Err, STDERR_FILENO);
  if (chdir(Dir.c_str()) != 0) {
    dprintf(STDERR_FILENO, "harness: chdir %s: %s\n", Dir.c_str(),
            strerror(errno));
    _exit(126);
  }
  rlimit NoCore{0, 0};
  setrlimit(RLIMIT_CORE, &NoCore);
  if (!sanitized()) {
    rlim_t Bytes = static_cast<rlim_t>(L.MemoryMB) * 1024 * 1024;
    rlimit Memory{Bytes, Bytes};
    setrlimit(RLIMIT_AS, &Memory);
  }
  if (Prepare) {
    std::string Error = Prepare();
    if (!Error.empty()) {
      dprintf(STDERR_FILENO, "harness: %s\n", Error.c_str());
      _exit(126);
    }
  }
  std::vector<char *> Argv{const_cast<char *>(Program.c_str())};
  for (const std::string &A : Args)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);
  execv(Program.c_str(), Argv.data());
  dprintf(STDERR_FILENO, "harness: exec %s: %s\n", Program.c_str(),
          strerror(errno));
  _exit(127);
}

/// Reads what is ready on the pipes; false once both are closed.
bool drain(pollfd (&Fds)[2], std::string &Out, std::string &Err) {
  if (poll(Fds, 2, 20) <= 0)
    return Fds[0].fd >= 0 || Fds[1].fd >= 0;
  char Buffer[65536];
  std::string *Into[2] = {&Out, &Err};
  for (int I = 0; I < 2; ++I) {
    if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
      continue;
    ssize_t N = read(Fds[I].fd, Buffer, sizeof Buffer);
    if (N > 0) {
      Into[I]->append(Buffer, N);
    } else if (N == 0 || errno != EINTR) {
      close(Fds[I].fd);
      Fds[I].fd = -1;
    }
  }
  return Fds[0].fd >= 0 || Fds[1].fd >= 0;
}

} // namespace

Outcome run(const std::string &Program, const std::vector<std::string> &Args,
            const std::string &Dir, const Limits &L,
            const std::function<std::string()> &Prepare) {
  int Out[2], Err[2];
  if (pipe(Out) != 0 || pipe(Err) != 0) {
    Outcome O;
    O.Stderr = "harness: pipe failed";
    return O;
  }
  auto Start = Clock::now();
  pid_t Pid = fork();
  if (Pid == 0) {
    close(Out[0]);
    close(Err[0]);
    execChild(Program, Args, Dir, L, Prepare, Out[1], Err[1]);
  }
  close(Out[1]);
  close(Err[1]);
  Outcome O;
  pollfd Fds[2] = {{Out[0], POLLIN, 0}, {Err[0], POLLIN, 0}};
  bool Killed = false;
  // The watchdog: pipes drained every 20 ms, and time and memory checked.
  while (drain(Fds, O.Stdout, O.Stderr)) {
    if (Killed)
      continue;
    if (Clock::now() - Start > L.Time)
      O.TimedOut = Killed = true;
    else if (residentMB(Pid) > L.MemoryMB)
      O.OverMemory = Killed = true;
    if (Killed)
      kill(Pid, SIGKILL);
  }
  int Status = 0;
  rusage Usage{};
  while (wait4(Pid, &Status, 0, &Usage) < 0 && errno == EINTR) {
  }
  O.Seconds = std::chrono::duration<double>(Clock::now() - Start).count();
  O.PeakRssKB = Usage.ru_maxrss;
  if (WIFEXITED(Status))
    O.ExitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    O.Signal = WTERMSIG(Status);
  notePhases(O.Stderr, O.LastPhase);
  return O;
}

std::string describe(const Outcome &O) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  if (O.TimedOut)
    OS << "hung: killed after " << O.Seconds << " s";
  else if (O.OverMemory)
    OS << "killed over the memory bound";
  else if (O.Signal)
    OS << "ended by signal " << O.Signal << " (" << strsignal(O.Signal) << ')';
  else
    OS << "exited " << O.ExitCode;
  OS << " in phase '" << (O.LastPhase.empty() ? "start" : O.LastPhase) << "', "
     << llvm::format("%.2f", O.Seconds) << " s, peak RSS " << O.PeakRssKB / 1024
     << " MB";
  return S;
}

} // namespace rampart::hostile
