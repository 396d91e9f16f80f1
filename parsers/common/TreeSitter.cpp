//===- TreeSitter.cpp - Thin wrappers over the tree-sitter C API ----------===//
#include "parsers/common/TreeSitter.h"

#include <algorithm>

namespace rampart::ts {

namespace {
struct ParserDeleter {
  void operator()(TSParser *P) const { ts_parser_delete(P); }
};

// A short, printable excerpt: input bytes end up in terminals, JSON and SARIF,
// so control characters and non-ASCII bytes (possibly invalid UTF-8) become
// '?'.
std::string snippet(llvm::StringRef Text) {
  Text = Text.take_front(Text.find_first_of("\r\n"));
  std::string Out;
  for (char C : Text.take_front(24))
    Out += (C >= 0x20 && C < 0x7f) ? C : '?';
  return Text.size() > 24 ? Out + "..." : Out;
}

// What a MISSING node stands for: the token itself for anonymous nodes
// ("'}'"), the grammar's name in words for named ones ("quoted template end").
std::string missingName(TSNode N) {
  std::string Type = ts_node_type(N);
  if (!ts_node_is_named(N))
    return "'" + Type + "'";
  std::replace(Type.begin(), Type.end(), '_', ' ');
  return Type;
}
} // namespace

TreePtr parse(const TSLanguage *Language, llvm::StringRef Text) {
  std::unique_ptr<TSParser, ParserDeleter> Parser(ts_parser_new());
  if (!ts_parser_set_language(Parser.get(), Language))
    return nullptr;
  return TreePtr(ts_parser_parse_string(Parser.get(), nullptr, Text.data(),
                                        static_cast<uint32_t>(Text.size())));
}

void reportSyntaxErrors(TSNode Root, Document &Doc, unsigned MaxReported) {
  if (!ts_node_has_error(Root))
    return;
  llvm::StringRef Source = Doc.file().text();
  unsigned Reported = 0, Suppressed = 0;
  auto Report = [&](TSNode N) {
    if (Reported == MaxReported) {
      ++Suppressed;
      return;
    }
    ++Reported;
    SourceRange R = range(N);
    if (ts_node_is_missing(N)) {
      Doc.error(R, "syntax error: missing " + missingName(N));
      return;
    }
    std::string Near = snippet(text(N, Source));
    Doc.error(R, Near.empty() ? std::string("syntax error")
                              : "syntax error: unexpected '" + Near + "'");
  };

  // Iterative walk: hostile input can nest deeper than the stack allows.
  TSTreeCursor Cursor = ts_tree_cursor_new(Root);
  bool Descend = true;
  while (true) {
    TSNode N = ts_tree_cursor_current_node(&Cursor);
    bool IsError = ts_node_is_error(N) || ts_node_is_missing(N);
    if (Descend && IsError)
      Report(N);
    // An ERROR node's insides are already covered by its own report.
    if (Descend && !IsError && ts_node_has_error(N) &&
        ts_tree_cursor_goto_first_child(&Cursor))
      continue;
    if (ts_tree_cursor_goto_next_sibling(&Cursor)) {
      Descend = true;
      continue;
    }
    if (!ts_tree_cursor_goto_parent(&Cursor))
      break;
    Descend = false;
  }
  ts_tree_cursor_delete(&Cursor);
  if (Suppressed)
    Doc.report(Severity::Note, range(Root),
               std::to_string(Suppressed) + " more syntax errors not shown");
}

} // namespace rampart::ts
