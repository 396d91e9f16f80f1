//===- Protocol.cpp - LSP shapes and positions ----------------------------===//
#include "lsp/Protocol.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace rampart::lsp {

Json toLspPosition(const SourceFile &F, const SourcePosition &P) {
  return {{"line", P.Line - 1}, {"character", F.utf16Column(P)}};
}

Json toLspRange(const SourceFile &F, const SourceRange &R) {
  return {{"start", toLspPosition(F, R.Start)},
          {"end", toLspPosition(F, R.End)}};
}

uint32_t offsetAt(const SourceFile &F, const Json &Position) {
  uint32_t Line = Position.value("line", 0u);
  uint32_t Character = Position.value("character", 0u);
  if (Line >= F.lineCount())
    return F.text().size();
  return F.offsetFromUtf16(Line, Character);
}

std::string uriToPath(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return {};
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte = 0;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += char(Byte);
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  return Path;
}

std::string pathToUri(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  std::string Uri = "file://";
  for (unsigned char C : Absolute) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Uri;
}

std::string applyContentChange(llvm::StringRef Path, const std::string &Text,
                               const Json &Change) {
  if (!Change.contains("range"))
    return Change.value("text", "");
  auto File = SourceFile::fromText(Path, Text);
  uint32_t Begin = offsetAt(*File, Change["range"]["start"]);
  uint32_t End = offsetAt(*File, Change["range"]["end"]);
  if (End < Begin)
    std::swap(Begin, End);
  return Text.substr(0, Begin) + Change.value("text", "") + Text.substr(End);
}

int severityOf(check::Level L) {
  switch (L) {
  case check::Level::Critical:
  case check::Level::High:
    return 1;
  case check::Level::Medium:
    return 2;
  case check::Level::Low:
    return 3;
  }
  return 2;
}

int severityOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  default:
    return 3;
  }
}

llvm::json::Value jsonText(llvm::StringRef S) {
  if (LLVM_LIKELY(llvm::json::isUTF8(S)))
    return S;
  return llvm::json::fixUTF8(S);
}

void writeRange(llvm::json::OStream &J, const SourceFile &F,
                const SourceRange &R) {
  auto Position = [&](const SourcePosition &P) {
    J.object([&] {
      J.attribute("line", int64_t(P.Line) - 1);
      J.attribute("character", int64_t(F.utf16Column(P)));
    });
  };
  J.object([&] {
    J.attributeBegin("start");
    Position(R.Start);
    J.attributeEnd();
    J.attributeBegin("end");
    Position(R.End);
    J.attributeEnd();
  });
}

void writeWorkspaceEdit(llvm::json::OStream &J, const fix::Fix &Fix) {
  // One key per file: a fix's changes may name a file more than once.
  std::vector<const fix::FileChange *> Seen;
  J.object([&] {
    J.attributeObject("changes", [&] {
      for (const fix::FileChange &C : Fix.Changes) {
        if (llvm::any_of(Seen, [&](const fix::FileChange *S) {
              return S->File->path() == C.File->path();
            }))
          continue;
        Seen.push_back(&C);
        J.attributeArray(pathToUri(C.File->path()), [&] {
          for (const fix::FileChange &Same : Fix.Changes)
            if (Same.File->path() == C.File->path())
              for (const TextEdit &E : Same.Edits)
                J.object([&] {
                  J.attributeBegin("range");
                  writeRange(J, *Same.File, Same.File->range(E.Begin, E.End));
                  J.attributeEnd();
                  J.attribute("newText", jsonText(E.NewText));
                });
        });
      }
    });
  });
}

Json workspaceEditOf(const fix::Fix &Fix) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS.SetBuffered(); // it starts unbuffered: a call per small write
  llvm::json::OStream J(OS);
  writeWorkspaceEdit(J, Fix);
  OS.flush();
  return Json::parse(Text);
}

} // namespace rampart::lsp
