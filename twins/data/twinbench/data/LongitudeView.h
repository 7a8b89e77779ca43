#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace twins::data {

// Shows a 0..360 longitude axis as -180..180 without copying the file: the view's index i maps
// to a source index, and a view range is at most two runs of the source (the part east of 180
// degrees, then the part west of it), which readFieldSlice decodes into place. Values >= 180 become
// value - 360, the same as xarray's ((lon + 180) % 360) - 180 followed by sortby.
class LongitudeView {
public:
    // nullopt unless the longitudes are strictly ascending, within [0, 360) and some are >= 180
    // (then there is nothing to remap).
    static std::optional<LongitudeView> detect(const std::vector<double>& longitudes);

    const std::vector<double>& longitudes() const { return m_view; } // ascending, -180..180
    std::size_t size() const { return m_view.size(); }
    std::size_t sourceIndex(std::size_t viewIndex) const;
    // Source ranges (start, count), in view order, covering view indices [start, start+count).
    std::vector<std::pair<std::size_t, std::size_t>> sourceRuns(std::size_t start,
                                                                std::size_t count) const;

private:
    std::vector<double> m_view;
    std::size_t m_split = 0; // first source index >= 180: view index 0
};

} // namespace twins::data
