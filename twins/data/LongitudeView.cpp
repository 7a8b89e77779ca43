#include "twinbench/data/LongitudeView.h"

#include <algorithm>

namespace twins::data {

std::optional<LongitudeView> LongitudeView::detect(const std::vector<double>& longitudes) {
    if (longitudes.empty() || longitudes.front() < 0.0 || longitudes.back() >= 360.0) {
        return std::nullopt;
    }
    for (std::size_t i = 1; i < longitudes.size(); ++i) {
        if (!(longitudes[i] > longitudes[i - 1])) {
            return std::nullopt;
        }
    }
    const auto split = std::lower_bound(longitudes.begin(), longitudes.end(), 180.0);
    if (split == longitudes.end()) {
        return std::nullopt;
    }
    // Rolling puts the columns east of 180 in front of the others: for a grid around the
    // globe that is the same grid seen from -180; for a regional grid across 180 (e.g. the
    // cyclone domain 100E-320E) it would open a gap of 140 degrees in the middle, which the
    // map would fill with stretched cells. Such grids keep their 0..360 longitudes (the map
    // draws them across the dateline as they are).
    if (split != longitudes.begin()) {
        double widestStep = 0.0;
        for (std::size_t i = 1; i < longitudes.size(); ++i) {
            widestStep = std::max(widestStep, longitudes[i] - longitudes[i - 1]);
        }
        const double wrapGap = longitudes.front() + 360.0 - longitudes.back();
        if (wrapGap > 1.5 * widestStep) {
            return std::nullopt;
        }
    }
    LongitudeView view;
    view.m_split = static_cast<std::size_t>(split - longitudes.begin());
    for (auto it = split; it != longitudes.end(); ++it) {
        view.m_view.push_back(*it - 360.0);
    }
    view.m_view.insert(view.m_view.end(), longitudes.begin(), split);
    return view;
}

std::size_t LongitudeView::sourceIndex(std::size_t viewIndex) const {
    const std::size_t east = m_view.size() - m_split; // view indices taken from [split, n)
    return viewIndex < east ? m_split + viewIndex : viewIndex - east;
}

std::vector<std::pair<std::size_t, std::size_t>>
LongitudeView::sourceRuns(std::size_t start, std::size_t count) const {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    const std::size_t east = m_view.size() - m_split;
    const std::size_t end = start + count;
    if (start < east) {
        const std::size_t stop = std::min(end, east);
        runs.emplace_back(m_split + start, stop - start);
    }
    if (end > east) {
        const std::size_t from = std::max(start, east);
        runs.emplace_back(from - east, end - from);
    }
    return runs;
}

} // namespace twins::data
