//===- YamlParser.h - CloudFormation YAML ----------------------*- C++ -*-===//
//
// Reads CloudFormation and SAM templates written in YAML into the positioned
// document model, with yaml-cpp underneath.
//
// Model mapping (ranges are exact: start of the first byte, end just past the
// last; a node with a tag or anchor starts at the first of them):
//
//   mapping   -> Map. Keys are strings: a scalar key's decoded value, any
//                other key (a collection, a tagged or aliased key, a null) its
//                source text. KeyRange covers the key token, quotes included.
//                Duplicate keys are kept, in source order, with a warning.
//   sequence  -> List.
//   scalar    -> quoted ('...', "...") and block (|, >) scalars: String.
//                Untagged plain scalars follow the YAML 1.2 core schema:
//                `~`, `null`, `Null`, `NULL` -> Null; true/True/TRUE and
//                false/False/FALSE -> Bool; decimal, 0o octal, 0x hex ints
//                and floats incl. `.inf`, `-.inf`, `.nan` -> Number whose Text
//                is the literal as written (Node::number() reads every one
//                of these forms); everything else (`yes`, `on`, dates) String.
//                Explicit standard tags (!!str, !!int, !!float, !!bool,
//                !!null) force the type; a value that does not fit the tag is
//                a String with a warning. Other standard tags (!!binary,
//                !!timestamp, !!set, !!omap, ...) give the plain node and a
//                warning, since CloudFormation does not support them.
//   empty     -> `Key:` with nothing after it, or a `-` with nothing: Null
//                with an empty range just after the `:` or `-`.
//   alias     -> a copy of the anchored node. The copy's root has the range
//                of the `*name` token; the nodes below it keep the ranges of
//                the anchored text. At most 100,000 nodes are copied per file
//                (against "billion laughs" input); past that an alias is Null
//                with an error. Merge keys (`<<: *base`) are not applied: `<<`
//                stays an ordinary key, as CloudFormation does not support it.
//   comments  -> not in the tree.
//
// Op vocabulary. A short-form intrinsic function tag becomes an Expression:
//
//   Op     the long-form name:
//            !Ref -> "Ref"         !Condition -> "Condition"
//            !Base64 -> "Fn::Base64"    !Cidr -> "Fn::Cidr"
//            !FindInMap -> "Fn::FindInMap"   !GetAtt -> "Fn::GetAtt"
//            !GetAZs -> "Fn::GetAZs"    !ImportValue -> "Fn::ImportValue"
//            !Join -> "Fn::Join"   !Select -> "Fn::Select"
//            !Split -> "Fn::Split" !Sub -> "Fn::Sub"
//            !Transform -> "Fn::Transform"
//            !If -> "Fn::If"  !Equals -> "Fn::Equals"  !And -> "Fn::And"
//            !Or -> "Fn::Or"  !Not -> "Fn::Not"
//            !Length -> "Fn::Length"  !ToJsonString -> "Fn::ToJsonString"
//            !ForEach -> "Fn::ForEach"
//            rule functions: !Contains, !EachMemberEquals, !EachMemberIn,
//            !RefAll, !ValueOf, !ValueOfAll -> "Fn::<Name>"
//   Text   the tag as written ("!Sub").
//   Items  exactly one operand: the tagged value read as an untagged node,
//          except that a tagged scalar is always a String (`!Ref 5` gives
//          String "5"; `!GetAtt A.B` gives String "A.B", not split; a tag
//          with no value, `!GetAZs` alone, gives String "" with an empty
//          range just after the tag). A tagged sequence is a List, a tagged
//          mapping a Map, and their elements are read normally (so
//          `!If [C, !Ref A, !Ref "AWS::NoValue"]` is a List of a String and
//          two "Ref" Expressions).
//   Entries unused.
//   Range  from the tag (or an anchor before it) to the end of the value; the
//          operand's range is the value alone.
//
// Any other tag (`!Rain::Embed`, `!Foo`, a global tag) gives the same shape
// with Op = the tag as yaml-cpp resolves it (for `!Foo`, "!Foo"), plus a
// warning. Long forms (`Fn::Sub: ...`, `Ref: X`) are ordinary one-entry Maps:
// the parser does not normalise them, so evaluators must accept both forms.
//
// Only the first YAML document is read; a later one gets a warning. Syntax
// errors from yaml-cpp become error diagnostics at its position, and the
// tree read up to there is kept. yaml-cpp itself refuses input nested 500
// levels deep (an error; the rest of the file is not read); since each tag
// adds an Expression level, the tree can still pass MaxNestingDepth, and the
// nodes below that limit are dropped with one error. Forbidden control
// characters and invalid UTF-8 are errors; UTF-16 text is not read.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_PARSERS_CLOUDFORMATION_YAMLPARSER_H
#define RAMPART_PARSERS_CLOUDFORMATION_YAMLPARSER_H

#include "parsers/common/Document.h"
#include "parsers/common/SourceFile.h"

namespace rampart::parsers {

/// Parses the first YAML document of a file with yaml-cpp. Short-form
/// intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, ...) become Expression nodes
/// whose Op is the long-form name. Always returns a document, never throws;
/// yaml-cpp's errors become diagnostics.
Document parseYaml(const SourceFile &File, Dialect D = Dialect::CloudFormation);

} // namespace rampart::parsers

#endif
