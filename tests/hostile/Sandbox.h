//===- Sandbox.h - What a hostile case's child does before exec -*- C++ -*-===//
//
// Functions for Case::Prepare: they run in the forked child, just before it
// becomes rampart, and return "" or what failed.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_TESTS_HOSTILE_SANDBOX_H
#define RAMPART_TESTS_HOSTILE_SANDBOX_H

#include <string>

namespace rampart::hostile {

/// As root, give up reading files whatever their permissions (the
/// capabilities that allow it, or else become nobody): an unreadable file
/// must be unreadable to the scan.
std::string dropRootPrivileges();

/// Installs a seccomp filter (libseccomp) that kills the process on any
/// open for writing, any change to the file system, any new process (fork,
/// vfork, or a clone that is not a thread) and any socket. The exec that
/// starts rampart is allowed: a later exec without a new process would
/// replace rampart, and its report with it.
std::string forbidWritesProcessesAndSockets();

} // namespace rampart::hostile

#endif
