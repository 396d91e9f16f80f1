//===- SourceFile.cpp - A file's bytes and line table ---------------------===//
#include "parsers/common/SourceFile.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <cstring>

namespace rampart {

namespace {
constexpr llvm::StringLiteral Utf8Bom = "\xEF\xBB\xBF";

// Number of bytes in the UTF-8 sequence that starts with Lead (1 for
// continuation or invalid bytes, so a walk always advances).
unsigned utf8SequenceLength(unsigned char Lead) {
  if (Lead < 0xC0)
    return 1;
  if (Lead < 0xE0)
    return 2;
  if (Lead < 0xF0)
    return 3;
  return 4;
}

// The first byte at or after P that is not ASCII, or End.
const llvm::UTF8 *skipAscii(const llvm::UTF8 *P, const llvm::UTF8 *End) {
  constexpr uint64_t HighBits = 0x8080808080808080ull;
  for (uint64_t Word; End - P >= 8; P += 8) {
    std::memcpy(&Word, P, sizeof(Word));
    if (Word & HighBits)
      break;
  }
  while (P != End && *P < 0x80)
    ++P;
  return P;
}
} // namespace

SourceFile::SourceFile(std::string P, std::unique_ptr<llvm::MemoryBuffer> B)
    : Path(std::move(P)), Buffer(std::move(B)) {
  Text = Buffer->getBuffer();
  if (Text.startswith(Utf8Bom)) {
    HasBom = true;
    Text = Text.drop_front(Utf8Bom.size());
  }
  LineStarts.push_back(0);
  const char *Begin = Text.data(), *End = Begin + Text.size();
  for (const char *P = Begin;
       (P = static_cast<const char *>(std::memchr(P, '\n', End - P)));)
    LineStarts.push_back(static_cast<uint32_t>(++P - Begin));
}

llvm::Expected<std::unique_ptr<SourceFile>>
SourceFile::open(llvm::StringRef Path) {
  auto TooLarge = [&] {
    return llvm::createStringError(
        std::make_error_code(std::errc::file_too_large),
        "'%s' is larger than %llu bytes", Path.str().c_str(),
        static_cast<unsigned long long>(MaxBytes));
  };
  // The size is checked before reading too: a file is read whole.
  uint64_t Size = 0;
  if (!llvm::sys::fs::file_size(Path, Size) && Size > MaxBytes)
    return TooLarge();
  // Volatile: read into memory, never mapped. A mapped file that another
  // process truncates while we parse it ends the process with SIGBUS.
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false,
                                            /*IsVolatile=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  if ((*Buffer)->getBufferSize() > MaxBytes) // it grew meanwhile
    return TooLarge();
  return std::unique_ptr<SourceFile>(
      new SourceFile(Path.str(), std::move(*Buffer)));
}

std::unique_ptr<SourceFile> SourceFile::fromText(llvm::StringRef Path,
                                                 llvm::StringRef Text) {
  return std::unique_ptr<SourceFile>(new SourceFile(
      Path.str(), llvm::MemoryBuffer::getMemBufferCopy(Text, Path)));
}

llvm::StringRef SourceFile::lineText(uint32_t Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  uint32_t Begin = LineStarts[Line - 1];
  uint32_t End = Line < LineStarts.size() ? LineStarts[Line] : Text.size();
  llvm::StringRef L = Text.slice(Begin, End);
  if (L.endswith("\n"))
    L = L.drop_back();
  if (L.endswith("\r"))
    L = L.drop_back();
  return L;
}

// Every node of every parser asks for two positions, so this search is hot.
// LineStarts[0] is 0, so some line starts at or before Offset; the halving
// below narrows to the last such line without a data-dependent branch (the
// compiler emits a conditional move), where std::upper_bound's branches
// mispredict about every other step.
SourcePosition SourceFile::position(uint32_t Offset) const {
  Offset = std::min<uint32_t>(Offset, Text.size());
  const uint32_t *Base = LineStarts.data();
  for (size_t N = LineStarts.size(); N > 1;) {
    size_t Half = N / 2;
    Base = Base[Half] <= Offset ? Base + Half : Base;
    N -= Half;
  }
  uint32_t Line = static_cast<uint32_t>(Base - LineStarts.data()) + 1;
  return {Offset, Line, Offset - *Base + 1};
}

uint32_t SourceFile::offset(uint32_t Line, uint32_t Column) const {
  if (Line == 0)
    return 0;
  if (Line > LineStarts.size())
    return Text.size();
  uint32_t Begin = LineStarts[Line - 1];
  uint32_t Length = lineText(Line).size();
  return Begin + std::min(Column > 0 ? Column - 1 : 0, Length);
}

uint32_t SourceFile::utf16Column(const SourcePosition &Pos) const {
  llvm::StringRef L = lineText(Pos.Line);
  uint32_t Bytes = std::min<uint32_t>(Pos.Column - 1, L.size());
  uint32_t Units = 0;
  for (uint32_t I = 0; I < Bytes;) {
    unsigned Len = utf8SequenceLength(static_cast<unsigned char>(L[I]));
    Units += Len == 4 ? 2 : 1; // Four-byte sequences are surrogate pairs.
    I += Len;
  }
  return Units;
}

uint32_t SourceFile::offsetFromUtf16(uint32_t Line0,
                                     uint32_t Utf16Column) const {
  if (Line0 >= LineStarts.size())
    return Text.size();
  llvm::StringRef L = lineText(Line0 + 1);
  uint32_t I = 0, Units = 0;
  while (I < L.size() && Units < Utf16Column) {
    unsigned Len = utf8SequenceLength(static_cast<unsigned char>(L[I]));
    Units += Len == 4 ? 2 : 1;
    I = std::min<uint32_t>(I + Len, L.size());
  }
  return LineStarts[Line0] + I;
}

// Every file is checked two or three times (the loader, then the parser),
// and almost all of it is ASCII: skipping ASCII eight bytes at a time, and
// asking LLVM only about the sequences that start with a non-ASCII byte,
// finds the same first bad byte as isLegalUTF8String, which takes a call per
// byte. An ASCII byte is always a legal one-byte sequence.
std::optional<uint32_t> SourceFile::firstInvalidUtf8() const {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  const llvm::UTF8 *End = Begin + Text.size();
  for (const llvm::UTF8 *P = skipAscii(Begin, End); P != End;
       P = skipAscii(P, End)) {
    if (!llvm::isLegalUTF8Sequence(P, End))
      return static_cast<uint32_t>(P - Begin);
    P += llvm::getNumBytesForUTF8(*P);
  }
  return std::nullopt;
}

std::optional<uint32_t> SourceFile::firstNulByte() const {
  size_t Pos = Text.find('\0');
  if (Pos == llvm::StringRef::npos)
    return std::nullopt;
  return static_cast<uint32_t>(Pos);
}

} // namespace rampart
