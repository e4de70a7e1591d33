// SPDX-License-Identifier: MIT
// Seeds for the deck_cache_blob fuzzer: `fuzz_seed_blobs DIR DECK...` writes each valid
// deck's header and first chunks, as the deck cache stores them, into DIR.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "deck/deck_codec.h"
#include "deck/parse_deck.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fuzz_seed_blobs DIR DECK...\n";
    return 2;
  }
  const std::string dir = argv[1];
  int written = 0;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto parse = quizdeck::deck::parse_deck(argv[i], text.str());
    if (!parse.deck) continue;
    const auto encoded = quizdeck::deck::encode_deck(*parse.deck, parse.diagnostics);
    const auto save = [&](const std::string& bytes) {
      std::ofstream(dir + "/blob-" + std::to_string(written++), std::ios::binary) << bytes;
    };
    save("H" + encoded.header);
    const auto count = static_cast<std::uint32_t>(parse.deck->cards.size());
    std::string index = "I";
    for (int b = 0; b < 4; ++b) index += static_cast<char>(count >> (8 * b) & 0xff);
    if (encoded.index.size() <= 65536) save(index + encoded.index);
    for (std::size_t c = 0; c < encoded.chunks.size() && c < 2; ++c) save("C" + encoded.chunks[c]);
  }
  std::cout << written << " blobs\n";
  return 0;
}
