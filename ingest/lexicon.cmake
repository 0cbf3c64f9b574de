# kg_lexicon: built-in lexical knowledge, compiled once at build time.
#
# kg_lexgen (ingest/lexgen/) reads Debian's iso-codes, WordNet 3.0 and
# ingest/data/*.tsv (all but patterns.tsv) and writes lexicon.bin, the
# compiled lexicon, plus lexicon_data.cc, which embeds it with .incbin. The
# step reruns whenever a data file, a source or kg_lexgen itself changes.

set(KG_ISO_3166_JSON /usr/share/iso-codes/json/iso_3166-1.json CACHE FILEPATH
    "ISO 3166-1 country list from Debian's iso-codes package")
set(KG_WORDNET_DIR /usr/share/wordnet CACHE PATH
    "WordNet 3.0 database directory from Debian's wordnet-base package")

set(kg_wordnet_files)
foreach(name IN ITEMS data.noun data.verb data.adj data.adv index.noun
                      verb.exc noun.exc adj.exc cntlist.rev)
  list(APPEND kg_wordnet_files ${KG_WORDNET_DIR}/${name})
endforeach()
foreach(file IN ITEMS ${KG_ISO_3166_JSON} ${kg_wordnet_files})
  if(NOT EXISTS ${file})
    message(FATAL_ERROR
      "kg: ${file} is missing; the built-in lexicon is compiled from Debian's "
      "iso-codes and wordnet-base packages. Run scripts/install-deps.sh "
      "(or set KG_ISO_3166_JSON / KG_WORDNET_DIR).")
  endif()
endforeach()

add_executable(kg_lexgen lexgen/lexgen.cc)
target_link_libraries(kg_lexgen PRIVATE kg_core nlohmann_json::nlohmann_json)

file(GLOB kg_lexicon_data CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/data/*.tsv)
list(FILTER kg_lexicon_data EXCLUDE REGEX "/patterns\\.tsv$")

set(kg_lexicon_blob ${CMAKE_CURRENT_BINARY_DIR}/lexicon.bin)
set(kg_lexicon_source ${CMAKE_CURRENT_BINARY_DIR}/lexicon_data.cc)
add_custom_command(
  OUTPUT ${kg_lexicon_blob} ${kg_lexicon_source}
  COMMAND kg_lexgen
          --iso ${KG_ISO_3166_JSON}
          --wordnet ${KG_WORDNET_DIR}
          --data ${CMAKE_CURRENT_SOURCE_DIR}/data
          --blob ${kg_lexicon_blob}
          --source ${kg_lexicon_source}
          --dump ${CMAKE_CURRENT_BINARY_DIR}/lexicon_surfaces.tsv
  DEPENDS kg_lexgen ${kg_lexicon_data} ${KG_ISO_3166_JSON} ${kg_wordnet_files}
  COMMENT "Compiling the built-in lexicon (iso-codes, WordNet, ingest/data)"
  VERBATIM)
# .incbin is invisible to the compiler's dependency scan.
set_source_files_properties(${kg_lexicon_source} PROPERTIES
  GENERATED TRUE OBJECT_DEPENDS ${kg_lexicon_blob})

add_library(kg_lexicon lexicon.cc ${kg_lexicon_source})
target_link_libraries(kg_lexicon PUBLIC kg_core)
