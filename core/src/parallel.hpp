// Work on a large input shared among the cores: a corpus of drafts is validated, split,
// checked and reported in pieces. Small inputs stay on the calling thread (starting a thread
// costs more than checking a few kilobytes).
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace sanding {

// Threads worth using: the cores, at most 4 (the per-draft work does not scale further on the
// machines we run on, and each thread holds a Vectorscan scratch).
inline unsigned worker_count() {
    return std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
}

// Inputs of at least this many bytes are shared among the cores.
inline constexpr std::size_t kParallelBytes = 256u << 10;

// How many pieces an input of `bytes` is cut into: one below kParallelBytes.
inline std::size_t pieces_for(std::size_t bytes) {
    return bytes >= kParallelBytes ? worker_count() : 1;
}

// Calls piece(k) for k in [0, pieces), piece 0 on this thread and the others on their own;
// returns when all are done. If pieces throw, the lowest-numbered one's exception is rethrown here.
template <class Piece>
void run_pieces(std::size_t pieces, Piece piece) {
    std::vector<std::exception_ptr> errors(pieces);
    {
        std::vector<std::jthread> helpers;
        for (std::size_t k = 1; k < pieces; ++k)
            helpers.emplace_back([&, k] {
                try {
                    piece(k);
                } catch (...) {
                    errors[k] = std::current_exception();
                }
            });
        try {
            if (pieces > 0) piece(0);
        } catch (...) {
            errors[0] = std::current_exception();
        }
    }
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

// [begin, end) of piece k when n items are cut into `pieces` nearly equal runs.
inline std::pair<std::size_t, std::size_t> piece_range(std::size_t n, std::size_t pieces,
                                                       std::size_t k) {
    return {n * k / pieces, n * (k + 1) / pieces};
}

}  // namespace sanding
