//===- Apply.cpp - Choosing, combining and writing fixes ------------------===//
#include "analyzer/fix/Apply.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace rampart::fix {

namespace {

/// Two edits collide when they overlap, or insert at the same place (two
/// fixes creating the same missing object would write it twice). The same
/// edit twice (one declaration, several loop instances) does not.
bool collides(const TextEdit &A, const TextEdit &B) {
  if (A == B)
    return false;
  if (A.Begin == B.Begin)
    return true;
  return A.Begin < B.End && B.Begin < A.End;
}

struct PendingFile {
  std::vector<TextEdit> Edits;
  std::vector<const posture::Finding *> Fixed;
};

} // namespace

FixSelection selectFixes(llvm::ArrayRef<posture::Finding> Findings,
                         check::Applicability Most) {
  // The applicabilities are ordered from safe to suggested.
  auto Allowed = [&](check::Applicability A) { return A <= Most; };
  FixSelection Out;
  // Keyed by path, so the files come out in path order.
  std::map<std::string, std::pair<const SourceFile *, PendingFile>> Files;
  for (const posture::Finding &F : Findings) {
    if (!F.active() || !F.Fix)
      continue;
    if (!Allowed(F.Fix->Kind)) {
      (F.Fix->Kind == check::Applicability::Suggested ? Out.Suggested
                                                      : Out.Unsafe)
          .push_back(&F);
      continue;
    }
    // A fix whose own edits overlap would be applied in part: never.
    bool Whole = llvm::all_of(F.Fix->Changes, [](const FileChange &C) {
      return applyEdits(C.File->text(), C.Edits).Rejected.empty();
    });
    bool Collides =
        !Whole || llvm::any_of(F.Fix->Changes, [&](const FileChange &C) {
          auto It = Files.find(C.File->path().str());
          if (It == Files.end())
            return false;
          return llvm::any_of(C.Edits, [&](const TextEdit &E) {
            return llvm::any_of(
                It->second.second.Edits,
                [&](const TextEdit &Old) { return collides(E, Old); });
          });
        });
    if (Collides) {
      Out.Conflicting.push_back(&F);
      continue;
    }
    for (const FileChange &C : F.Fix->Changes) {
      auto &[File, Pending] = Files[C.File->path().str()];
      File = C.File;
      for (const TextEdit &E : C.Edits)
        if (!llvm::is_contained(Pending.Edits, E))
          Pending.Edits.push_back(E);
      if (!llvm::is_contained(Pending.Fixed, &F))
        Pending.Fixed.push_back(&F);
    }
  }
  for (auto &[Path, Entry] : Files) {
    auto &[File, Pending] = Entry;
    AppliedEdits A = applyEdits(File->text(), Pending.Edits);
    if (A.Text == File->text())
      continue;
    Out.Files.push_back({File, std::move(A.Text), std::move(Pending.Fixed)});
  }
  return Out;
}

namespace {

std::vector<llvm::StringRef> linesOf(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

enum class Op : uint8_t { Keep, Delete, Insert };

/// The shortest edit script from A to B, by Myers' O(ND) algorithm: fixes
/// change few lines, so D is small. Written here because none of our
/// libraries produces a line diff (LLVM Support has edit distances only).
std::vector<Op> editScript(const std::vector<llvm::StringRef> &A,
                           const std::vector<llvm::StringRef> &B) {
  const long N = A.size(), M = B.size(), Max = N + M;
  std::vector<long> V(2 * Max + 2, 0);
  std::vector<std::vector<long>> Trace;
  long D = 0;
  for (; D <= Max; ++D) {
    Trace.push_back(V);
    bool Done = false;
    for (long K = -D; K <= D; K += 2) {
      long X = (K == -D || (K != D && V[Max + K - 1] < V[Max + K + 1]))
                   ? V[Max + K + 1]
                   : V[Max + K - 1] + 1;
      long Y = X - K;
      while (X < N && Y < M && A[X] == B[Y])
        ++X, ++Y;
      V[Max + K] = X;
      if (X >= N && Y >= M) {
        Done = true;
        break;
      }
    }
    if (Done)
      break;
  }
  // Walk the trace back from (N, M).
  std::vector<Op> Script;
  long X = N, Y = M;
  for (long Step = D; Step > 0; --Step) {
    const std::vector<long> &Prev = Trace[Step];
    long K = X - Y;
    bool Down =
        K == -Step || (K != Step && Prev[Max + K - 1] < Prev[Max + K + 1]);
    long PrevK = Down ? K + 1 : K - 1;
    long PrevX = Prev[Max + PrevK], PrevY = PrevX - PrevK;
    while (X > PrevX && Y > PrevY) {
      Script.push_back(Op::Keep);
      --X, --Y;
    }
    Script.push_back(Down ? Op::Insert : Op::Delete);
    X = PrevX, Y = PrevY;
  }
  for (; X > 0 && Y > 0; --X, --Y)
    Script.push_back(Op::Keep);
  std::reverse(Script.begin(), Script.end());
  return Script;
}

void printLine(llvm::raw_ostream &OS, char Mark, llvm::StringRef Line) {
  OS << Mark << Line;
  if (!Line.endswith("\n"))
    OS << "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(llvm::StringRef Path, llvm::StringRef Before,
                        llvm::StringRef After) {
  if (Before == After)
    return {};
  std::vector<llvm::StringRef> A = linesOf(Before), B = linesOf(After);
  std::vector<Op> Script = editScript(A, B);
  constexpr size_t Context = 3;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "--- " << Path << "\n+++ " << Path << "\n";
  size_t I = 0;
  while (I < Script.size()) {
    if (Script[I] == Op::Keep) {
      ++I;
      continue;
    }
    // A hunk: from Context lines before this change to Context lines after
    // the last change that is within 2 * Context lines of the next.
    size_t Begin = I >= Context ? I - Context : 0;
    size_t End = I;
    for (size_t Keeps = 0; End < Script.size(); ++End) {
      Keeps = Script[End] == Op::Keep ? Keeps + 1 : 0;
      if (Keeps > 2 * Context)
        break;
    }
    End = std::min(Script.size(), End);
    while (End > I && Script[End - 1] == Op::Keep)
      --End;
    End = std::min(Script.size(), End + Context);
    // Line numbers where the hunk starts in A and B.
    size_t LineA = 0, LineB = 0;
    for (size_t J = 0; J < Begin; ++J) {
      LineA += Script[J] != Op::Insert;
      LineB += Script[J] != Op::Delete;
    }
    size_t CountA = 0, CountB = 0;
    for (size_t J = Begin; J < End; ++J) {
      CountA += Script[J] != Op::Insert;
      CountB += Script[J] != Op::Delete;
    }
    OS << "@@ -" << (CountA ? LineA + 1 : LineA) << ',' << CountA << " +"
       << (CountB ? LineB + 1 : LineB) << ',' << CountB << " @@\n";
    size_t XA = LineA, XB = LineB;
    for (size_t J = Begin; J < End; ++J) {
      switch (Script[J]) {
      case Op::Keep:
        printLine(OS, ' ', A[XA++]);
        ++XB;
        break;
      case Op::Delete:
        printLine(OS, '-', A[XA++]);
        break;
      case Op::Insert:
        printLine(OS, '+', B[XB++]);
        break;
      }
    }
    I = End;
  }
  return Out;
}

llvm::Error writeFixed(const SourceFile &File, llvm::StringRef Text) {
  // Through a symbolic link, the file it points at is rewritten: renaming
  // over the link would replace it with a copy.
  llvm::SmallString<256> Real;
  if (std::error_code EC = llvm::sys::fs::real_path(File.path(), Real))
    return llvm::createStringError(EC, "%s: %s", File.path().str().c_str(),
                                   EC.message().c_str());
  llvm::StringRef Path = Real;
  llvm::ErrorOr<llvm::sys::fs::perms> Perms =
      llvm::sys::fs::getPermissions(Path);
  std::string Contents =
      (File.hasByteOrderMark() ? "\xEF\xBB\xBF" : "") + Text.str();
  std::string TempModel = (Path + ".rampart-%%%%%%").str();
  if (llvm::Error E = llvm::writeFileAtomically(TempModel, Path, Contents))
    return E;
  if (Perms)
    if (std::error_code EC = llvm::sys::fs::setPermissions(Path, *Perms))
      return llvm::createStringError(EC, "%s: %s", Path.str().c_str(),
                                     EC.message().c_str());
  return llvm::Error::success();
}

} // namespace rampart::fix
