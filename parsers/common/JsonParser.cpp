//===- JsonParser.cpp - JSON with positions -------------------------------===//
//
// A recursive-descent reader bounded by MaxNestingDepth. It stops at the first
// syntax error (JSON has no reliable resynchronisation point) and keeps the
// tree read so far.
//
//===----------------------------------------------------------------------===//
#include "parsers/common/JsonParser.h"

#include "parsers/common/Unicode.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace rampart::parsers {

namespace {

class JsonReader {
public:
  JsonReader(Document &Doc, JsonSyntax Syntax)
      : Doc(Doc), Text(Doc.file().text()), Syntax(Syntax) {}

  void read() {
    skipTrivia();
    if (Pos == Text.size()) {
      fail("expected a JSON value, found an empty file");
      return;
    }
    Doc.setRoot(value(0));
    if (Failed)
      return;
    skipTrivia();
    if (Pos < Text.size())
      fail("unexpected text after the JSON value");
  }

private:
  Document &Doc;
  llvm::StringRef Text;
  JsonSyntax Syntax;
  size_t Pos = 0;
  uint32_t Line = 1;
  size_t LineStart = 0;
  bool Failed = false;

  SourcePosition here() const {
    return {static_cast<uint32_t>(Pos), Line,
            static_cast<uint32_t>(Pos - LineStart + 1)};
  }
  SourceRange from(SourcePosition Start) const { return {Start, here()}; }
  char peek() const { return Pos < Text.size() ? Text[Pos] : '\0'; }
  bool atEnd() const { return Pos >= Text.size(); }

  void newline() {
    ++Line;
    LineStart = Pos;
  }

  void fail(llvm::StringRef Message) { failAt(here(), Message); }
  void failAt(SourcePosition At, llvm::StringRef Message) {
    if (Failed)
      return;
    Failed = true;
    SourcePosition End = At;
    if (End.Offset < Text.size() && Text[End.Offset] != '\n') {
      ++End.Offset;
      ++End.Column;
    }
    Doc.error({At, End}, Message.str());
  }

  void extension(SourceRange R, llvm::StringRef What) {
    if (Syntax == JsonSyntax::Strict)
      Doc.error(R, (What + " is not allowed in strict JSON").str());
  }

  void skipTrivia() {
    while (!atEnd()) {
      char C = Text[Pos];
      if (C == '\n') {
        ++Pos;
        newline();
      } else if (C == ' ' || C == '\t' || C == '\r') {
        ++Pos;
      } else if (C == '/' && Pos + 1 < Text.size() &&
                 (Text[Pos + 1] == '/' || Text[Pos + 1] == '*')) {
        skipComment();
      } else {
        return;
      }
    }
  }

  void skipComment() {
    SourcePosition Start = here();
    if (Text[Pos + 1] == '/') {
      size_t End = Text.find('\n', Pos);
      Pos = End == llvm::StringRef::npos ? Text.size() : End;
    } else {
      Pos += 2;
      while (!atEnd() && !Text.substr(Pos).startswith("*/")) {
        if (Text[Pos++] == '\n')
          newline();
      }
      if (atEnd()) {
        failAt(Start, "unterminated comment");
        return;
      }
      Pos += 2;
    }
    extension(from(Start), "a comment");
  }

  Node *value(unsigned Depth) {
    if (Depth >= MaxNestingDepth) {
      fail("nesting deeper than " + std::to_string(MaxNestingDepth) +
           " levels");
      return nullptr;
    }
    switch (peek()) {
    case '{':
      return object(Depth);
    case '[':
      return array(Depth);
    case '"':
      return string();
    case 't':
      return literal("true", NodeKind::Bool, true);
    case 'f':
      return literal("false", NodeKind::Bool, false);
    case 'n':
      return literal("null", NodeKind::Null, false);
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return number();
      fail(atEnd() ? "unexpected end of file, expected a value"
                   : "unexpected character, expected a value");
      return nullptr;
    }
  }

  Node *literal(llvm::StringRef Word, NodeKind Kind, bool Value) {
    SourcePosition Start = here();
    if (!Text.substr(Pos).startswith(Word)) {
      fail("unexpected character, expected a value");
      return nullptr;
    }
    Pos += Word.size();
    Node *N = Doc.make(Kind, from(Start));
    N->BoolValue = Value;
    return N;
  }

  static bool isDigit(char C) { return C >= '0' && C <= '9'; }

  bool digits() {
    size_t Begin = Pos;
    while (isDigit(peek()))
      ++Pos;
    return Pos > Begin;
  }

  Node *number() {
    SourcePosition Start = here();
    if (peek() == '-')
      ++Pos;
    if (peek() == '0')
      ++Pos;
    else if (!digits())
      return badNumber(Start);
    if (peek() == '.') {
      ++Pos;
      if (!digits())
        return badNumber(Start);
    }
    if (peek() == 'e' || peek() == 'E') {
      ++Pos;
      if (peek() == '+' || peek() == '-')
        ++Pos;
      if (!digits())
        return badNumber(Start);
    }
    Node *N = Doc.make(NodeKind::Number, from(Start));
    N->Text = Text.slice(Start.Offset, Pos).str();
    return N;
  }

  Node *badNumber(SourcePosition Start) {
    failAt(Start, "invalid number");
    return nullptr;
  }

  // Reads four hex digits after `\u`; false if they are not there.
  bool hex4(unsigned &Out) {
    Out = 0;
    for (int I = 0; I < 4; ++I) {
      unsigned H = llvm::hexDigitValue(peek());
      if (H == -1U)
        return false;
      Out = Out * 16 + H;
      ++Pos;
    }
    return true;
  }

  bool escape(std::string &Out) {
    SourcePosition Start = here();
    ++Pos; // the backslash
    char C = peek();
    ++Pos;
    switch (C) {
    case '"':
    case '\\':
    case '/':
      Out += C;
      return true;
    case 'b':
      Out += '\b';
      return true;
    case 'f':
      Out += '\f';
      return true;
    case 'n':
      Out += '\n';
      return true;
    case 'r':
      Out += '\r';
      return true;
    case 't':
      Out += '\t';
      return true;
    case 'u': {
      unsigned CP;
      if (!hex4(CP))
        break;
      // A surrogate pair spells one code point; a lone half cannot be UTF-8.
      if (CP >= 0xD800 && CP < 0xDC00 && Text.substr(Pos).startswith("\\u")) {
        size_t Save = Pos;
        Pos += 2;
        unsigned Low;
        if (hex4(Low) && Low >= 0xDC00 && Low < 0xE000) {
          appendCodePoint(Out,
                          0x10000 + ((CP - 0xD800) << 10) + (Low - 0xDC00));
          return true;
        }
        Pos = Save;
      }
      if (CP >= 0xD800 && CP < 0xE000) {
        Doc.report(Severity::Warning, from(Start),
                   "unpaired UTF-16 surrogate in escape; read as U+FFFD");
        CP = 0xFFFD;
      }
      appendCodePoint(Out, CP);
      return true;
    }
    default:
      break;
    }
    failAt(Start, "invalid escape sequence in string");
    return false;
  }

  // Reads a string token into Out; false on error.
  bool stringToken(std::string &Out) {
    SourcePosition Start = here();
    ++Pos; // opening quote
    while (true) {
      size_t Run = Pos;
      while (Run < Text.size() && Text[Run] != '"' && Text[Run] != '\\' &&
             static_cast<unsigned char>(Text[Run]) >= 0x20)
        ++Run;
      Out.append(Text.data() + Pos, Run - Pos);
      Pos = Run;
      if (atEnd()) {
        failAt(Start, "unterminated string");
        return false;
      }
      char C = Text[Pos];
      if (C == '"') {
        ++Pos;
        return true;
      }
      if (C == '\\') {
        if (!escape(Out))
          return false;
        continue;
      }
      // Azure reads line breaks and tabs inside strings (multi-line
      // expressions and scripts are common in ARM templates).
      if (Syntax == JsonSyntax::Azure &&
          (C == '\n' || C == '\r' || C == '\t')) {
        Out += C;
        if (Text[Pos++] == '\n')
          newline();
        continue;
      }
      failAt(Start,
             C == '\n' ? "unterminated string" : "control character in string");
      return false;
    }
  }

  Node *string() {
    SourcePosition Start = here();
    std::string Value;
    if (!stringToken(Value))
      return nullptr;
    return Doc.makeString(from(Start), std::move(Value));
  }

  // After a ',' inside a container: true if the container closes right away
  // (a trailing comma), which Azure accepts.
  bool trailingComma(SourcePosition Comma, char Close) {
    if (peek() != Close)
      return false;
    extension({Comma, {Comma.Offset + 1, Comma.Line, Comma.Column + 1}},
              "a trailing comma");
    return true;
  }

  Node *array(unsigned Depth) {
    SourcePosition Start = here();
    ++Pos;
    Node *N = Doc.make(NodeKind::List, {Start, Start});
    skipTrivia();
    if (peek() != ']') {
      while (!Failed) {
        if (Node *Item = value(Depth + 1))
          N->Items.push_back(Item);
        if (Failed)
          break;
        skipTrivia();
        if (peek() == ',') {
          SourcePosition Comma = here();
          ++Pos;
          skipTrivia();
          if (trailingComma(Comma, ']'))
            break;
          continue;
        }
        if (peek() != ']')
          fail(atEnd() ? "unexpected end of file, expected ',' or ']'"
                       : "expected ',' or ']'");
        break;
      }
    }
    if (!Failed)
      ++Pos;
    N->Range = from(Start);
    return N;
  }

  Node *object(unsigned Depth) {
    SourcePosition Start = here();
    ++Pos;
    Node *N = Doc.make(NodeKind::Map, {Start, Start});
    llvm::StringSet<> Seen;
    skipTrivia();
    if (peek() != '}') {
      while (!Failed) {
        if (peek() != '"') {
          fail(atEnd() ? "unexpected end of file, expected a property name"
                       : "expected a property name in double quotes");
          break;
        }
        SourcePosition KeyStart = here();
        MapEntry E;
        if (!stringToken(E.Key))
          break;
        E.KeyRange = from(KeyStart);
        skipTrivia();
        if (peek() != ':') {
          fail("expected ':' after the property name");
          break;
        }
        ++Pos;
        skipTrivia();
        E.Value = value(Depth + 1);
        if (!Seen.insert(E.Key).second)
          Doc.report(Severity::Warning, E.KeyRange,
                     "duplicate property '" + E.Key + "'");
        if (E.Value)
          N->Entries.push_back(std::move(E));
        if (Failed)
          break;
        skipTrivia();
        if (peek() == ',') {
          SourcePosition Comma = here();
          ++Pos;
          skipTrivia();
          if (trailingComma(Comma, '}'))
            break;
          continue;
        }
        if (peek() != '}')
          fail(atEnd() ? "unexpected end of file, expected ',' or '}'"
                       : "expected ',' or '}'");
        break;
      }
    }
    if (!Failed)
      ++Pos;
    N->Range = from(Start);
    return N;
  }
};

} // namespace

Document parseJson(const SourceFile &File, Dialect D, FileRole Role,
                   JsonSyntax Syntax) {
  Document Doc(File, D, Role);
  JsonReader(Doc, Syntax).read();
  return Doc;
}

} // namespace rampart::parsers
