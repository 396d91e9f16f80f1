// PLACEHOLDER until the parser lands.
#include "parsers/terraform/HclParser.h"
namespace rampart::parsers {
Document parseHcl(const SourceFile &File, FileRole Role) {
  Document Doc(File, Dialect::Terraform, Role);
  Doc.error(File.range(0, 0), "not implemented");
  return Doc;
}
}
