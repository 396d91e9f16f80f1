// PLACEHOLDER until the parser lands.
#include "parsers/bicep/BicepParser.h"
namespace rampart::parsers {
Document parseBicep(const SourceFile &File, FileRole Role) {
  Document Doc(File, Dialect::Bicep, Role);
  Doc.error(File.range(0, 0), "not implemented");
  return Doc;
}
}
