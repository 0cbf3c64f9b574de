add_library(kg_lexicon lexicon.cc)
target_link_libraries(kg_lexicon PUBLIC kg_core)
