//===- MapSvg.h - The network map as a self-contained SVG ------*- C++ -*-===//
//
// `rampart map --format svg`, the report's maps and the editor's map view.
// Graphviz's dot lays the graph out (unitLayoutDot); we draw the SVG from
// its positions, so the picture carries our own classes, tooltips and
// source positions (data-file, data-line, data-column on each resource, for
// the editor's click-to-reveal) and nothing external: no fonts (a generic
// family), no scripts, no links, one inline <style> scoped to the map.
//
//===----------------------------------------------------------------------===//
#ifndef RAMPART_ANALYZER_REPORT_MAPSVG_H
#define RAMPART_ANALYZER_REPORT_MAPSVG_H

#include "analyzer/report/Map.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace rampart::report {

/// Past this many nodes a unit is not laid out (dot's time grows fast);
/// the JSON and DOT outputs still have it.
inline constexpr size_t MaxLaidOutNodes = 1500;

/// One unit's map as an <svg> element (with the XML namespace, no XML
/// declaration), for embedding in HTML. IdPrefix keeps marker ids unique
/// when several maps share a page. An error when Graphviz cannot lay it out
/// (its dot plugin missing, a unit too large).
llvm::Expected<std::string> unitMapSvg(const UnitMap &M,
                                       llvm::StringRef IdPrefix = "m0-");

/// Every unit's map, one under the other with its title, as one standalone
/// SVG document. A unit that cannot be laid out is a line saying why.
std::string mapsToSvg(llvm::ArrayRef<UnitMap> Maps);

} // namespace rampart::report

#endif
