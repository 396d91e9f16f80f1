//===- Finding.cpp - A check result with its posture ----------------------===//
#include "analyzer/posture/Finding.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

namespace rampart::posture {

std::string stableRoot(llvm::StringRef Root) {
  llvm::SmallString<256> Path;
  if (llvm::sys::fs::real_path(Root, Path)) {
    Path = Root;
    llvm::sys::fs::make_absolute(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  }
  llvm::SmallString<256> Base;
  for (llvm::StringRef Dir = Path; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git)) {
      Base = Dir;
      break;
    }
  }
  if (Base.empty() && llvm::sys::fs::current_path(Base))
    return Path.str().str();
  llvm::StringRef Rel = Path.str();
  if (Rel.consume_front(Base) && (Rel.empty() || Rel.front() == '/'))
    return Rel.ltrim('/').str();
  return Path.str().str();
}

namespace {

std::chrono::sys_days toDays(const Date &D) {
  return std::chrono::year_month_day{std::chrono::year(D.Year),
                                     std::chrono::month(D.Month),
                                     std::chrono::day(D.Day)};
}

Date fromDays(std::chrono::sys_days Days) {
  std::chrono::year_month_day YMD(Days);
  return {int(YMD.year()), unsigned(YMD.month()), unsigned(YMD.day())};
}
} // namespace

llvm::StringRef exemptionName(Exemption E) {
  switch (E) {
  case Exemption::None:
    return "none";
  case Exemption::Accepted:
    return "accepted";
  case Exemption::Mitigated:
    return "mitigated";
  }
  return "none";
}

std::optional<Date> parseDate(llvm::StringRef Text) {
  // Exactly YYYY-MM-DD: a looser form would be read differently by people.
  if (Text.size() != 10 || Text[4] != '-' || Text[7] != '-')
    return std::nullopt;
  unsigned Y, M, D;
  if (Text.substr(0, 4).getAsInteger(10, Y) ||
      Text.substr(5, 2).getAsInteger(10, M) ||
      Text.substr(8, 2).getAsInteger(10, D))
    return std::nullopt;
  std::chrono::year_month_day YMD{std::chrono::year(int(Y)),
                                  std::chrono::month(M), std::chrono::day(D)};
  if (!YMD.ok())
    return std::nullopt;
  return Date{int(Y), M, D};
}

std::string formatDate(const Date &D) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format("%04d-%02u-%02u", D.Year, D.Month, D.Day);
  return OS.str();
}

Date today() {
  return fromDays(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

Date addDays(const Date &D, int Days) {
  return fromDays(toDays(D) + std::chrono::days(Days));
}

std::string fingerprintOf(const check::Result &R) {
  return fingerprintOf(R, R.Unit ? stableRoot(R.Unit->Root) : "");
}

std::string fingerprintOf(const check::Result &R, llvm::StringRef Root) {
  // Line numbers stay out, so a finding keeps its fingerprint when lines are
  // added above it; the unit root keeps two roots sharing a module apart.
  std::string Resource = R.Resource ? R.Resource->Id : "";
  llvm::SHA256 Hash;
  for (llvm::StringRef Part :
       {llvm::StringRef(R.TheCheck->Id), llvm::StringRef(Root),
        llvm::StringRef(Resource), llvm::StringRef(R.PropertyPath)}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

} // namespace rampart::posture
