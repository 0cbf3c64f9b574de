#include <gtest/gtest.h>
// Filled in by the lexicon module.
