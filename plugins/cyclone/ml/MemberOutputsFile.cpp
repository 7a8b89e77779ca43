#include "MemberOutputsFile.h"

#include "CycloneError.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/NetcdfFile.h"

#include <cmath>

namespace cyclone {

namespace {

using twins::data::NetcdfWriter;

const char* const attributeNames[] = {"wind_ms", "msl_pa", "vo_850"};

} // namespace

MemberOutputsWriter::MemberOutputsWriter(const std::string& path, const PatchGrid& grid,
                                         const std::vector<CfDateTime>& times, CfCalendar calendar,
                                         std::size_t members, const MemberOutputsInfo& info)
    : m_writer(path), m_members(members), m_tiles(grid.tiles().size()) {
    m_writer.setConventions();
    m_writer.setGlobalTextAttribute(
        "title", "Raw per-member CNN outputs per patch (for re-thresholding and re-tracking)");
    m_writer.setGlobalTextAttribute("drivers_file", info.drivers);
    m_writer.setGlobalTextAttribute("truth_file", info.truth);
    m_writer.setGlobalTextAttribute("members_description", info.members);
    m_writer.setGlobalTextAttribute("patch_size", std::to_string(grid.patchSize()));
    m_writer.setProvenance(info.runId);
    m_writer.addHistory("twinbench cyclone infer");
    m_writer.addDimension("time", times.size());
    m_writer.addDimension("member", members);
    m_writer.addDimension("tile", m_tiles);
    m_writer.addDimension("coordinate", 2);
    m_writer.addDimension("latitude", grid.rows());
    m_writer.addDimension("longitude", grid.columns());
    const int referenceYear = times.empty() ? 1970 : times.front().year;
    m_writer.addVariable("time", NetcdfWriter::Type::Double, {"time"});
    m_writer.setTextAttribute("time", "units",
                              "hours since " + std::to_string(referenceYear) + "-01-01 00:00:00");
    m_writer.setTextAttribute("time", "calendar", twins::data::cfCalendarName(calendar));
    m_writer.setTextAttribute("time", "standard_name", "time");
    m_writer.addVariable("latitude", NetcdfWriter::Type::Double, {"latitude"});
    m_writer.setTextAttribute("latitude", "units", "degrees_north");
    m_writer.addVariable("longitude", NetcdfWriter::Type::Double, {"longitude"});
    m_writer.setTextAttribute("longitude", "units", "degrees_east");
    for (const char* name : {"tile_row", "tile_column", "own_row", "own_column"}) {
        m_writer.addVariable(name, NetcdfWriter::Type::Int, {"tile"});
    }
    m_writer.setTextAttribute("tile_row", "long_name", "grid row of the tile's first row");
    m_writer.setTextAttribute("tile_column", "long_name", "grid column of the tile's first column");
    m_writer.addVariable("prediction", NetcdfWriter::Type::Float,
                         {"time", "member", "tile", "coordinate"}, 1, {1, members, m_tiles, 2});
    m_writer.setTextAttribute("prediction", "long_name",
                              "centre (row, column) / (patch size - 1) in the tile, or (-1, -1) "
                              "for none");
    for (const char* name : attributeNames) {
        m_writer.addVariable(name, NetcdfWriter::Type::Float, {"time", "member", "tile"}, 1,
                             {1, members, m_tiles});
    }
    m_writer.setTextAttribute("wind_ms", "long_name",
                              "largest gust within 250 km of the member's centre / 1.3");
    m_writer.setTextAttribute("wind_ms", "units", "m s-1");
    m_writer.setTextAttribute("msl_pa", "long_name", "lowest msl within a cell of the centre");
    m_writer.setTextAttribute("msl_pa", "units", "Pa");
    m_writer.setTextAttribute("vo_850", "long_name",
                              "largest cyclonic 850 hPa vorticity within 150 km of the centre");
    m_writer.setTextAttribute("vo_850", "units", "s-1");

    std::vector<double> hours;
    for (const CfDateTime& time : times) {
        hours.push_back(hoursSinceYearStart(calendar, referenceYear, time));
    }
    m_writer.write("time", {0}, {hours.size()}, hours.data());
    std::vector<double> latitudes;
    std::vector<double> longitudes;
    for (std::size_t r = 0; r < grid.rows(); ++r) {
        latitudes.push_back(grid.latLon(static_cast<double>(r), 0.0).first);
    }
    for (std::size_t c = 0; c < grid.columns(); ++c) {
        longitudes.push_back(grid.latLon(0.0, static_cast<double>(c)).second);
    }
    m_writer.write("latitude", {0}, {latitudes.size()}, latitudes.data());
    m_writer.write("longitude", {0}, {longitudes.size()}, longitudes.data());
    std::vector<double> values(m_tiles);
    auto putTiles = [&](const char* name, auto field) {
        for (std::size_t t = 0; t < m_tiles; ++t) {
            values[t] = static_cast<double>(field(grid.tiles()[t]));
        }
        m_writer.write(name, {0}, {m_tiles}, values.data());
    };
    putTiles("tile_row", [](const PatchTile& t) { return t.row; });
    putTiles("tile_column", [](const PatchTile& t) { return t.column; });
    putTiles("own_row", [](const PatchTile& t) { return t.ownRow; });
    putTiles("own_column", [](const PatchTile& t) { return t.ownColumn; });
}

void MemberOutputsWriter::writeStep(std::size_t step, const StepPredictions& predictions) {
    const std::size_t count = m_members * m_tiles;
    m_buffer.resize(2 * count);
    for (std::size_t i = 0; i < count; ++i) {
        m_buffer[2 * i] = predictions.outputs[i][0];
        m_buffer[2 * i + 1] = predictions.outputs[i][1];
    }
    m_writer.write("prediction", {step, 0, 0, 0}, {1, m_members, m_tiles, 2}, m_buffer.data());
    m_buffer.resize(count);
    for (int a = 0; a < 3; ++a) {
        for (std::size_t i = 0; i < count; ++i) {
            const CentreAttributes& values = predictions.attributes[i];
            m_buffer[i] = a == 0 ? values.windMs : a == 1 ? values.pressurePa : values.vorticity;
        }
        m_writer.write(attributeNames[a], {step, 0, 0}, {1, m_members, m_tiles}, m_buffer.data());
    }
}

void MemberOutputsWriter::commit() {
    m_writer.commit();
}

MemberOutputs readMemberOutputs(const std::string& path) {
    const auto file = twins::data::NetcdfFile::open(path);
    MemberOutputs result;
    auto global = [&](const char* name) {
        for (const auto& attribute : file->globalAttributes()) {
            if (attribute.name == name) {
                return attribute.text;
            }
        }
        return std::string();
    };
    result.info.drivers = global("drivers_file");
    result.info.truth = global("truth_file");
    result.info.members = global("members_description");
    const std::string patchText = global("patch_size");
    if (patchText.empty()) {
        throw CycloneError(path, "has no patch_size attribute; expected member_outputs.nc of a "
                                 "cyclone infer run");
    }
    const auto& prediction = file->variable("prediction");
    if (prediction.shape.size() != 4 || prediction.shape[3] != 2) {
        throw CycloneError(path, "variable 'prediction' must be (time, member, tile, 2)");
    }
    const std::size_t steps = prediction.shape[0];
    result.members = prediction.shape[1];
    const std::size_t tiles = prediction.shape[2];
    auto whole = [&](const char* name) {
        const auto& variable = file->variable(name);
        return file->readDecoded(name, std::vector<std::size_t>(variable.shape.size(), 0),
                                 variable.shape);
    };
    result.grid = std::make_unique<PatchGrid>(whole("latitude"), whole("longitude"),
                                              static_cast<std::size_t>(std::stoul(patchText)));
    if (result.grid->tiles().size() != tiles) {
        throw CycloneError(path, "has " + std::to_string(tiles) +
                                     " tiles, but its grid and patch "
                                     "size make " +
                                     std::to_string(result.grid->tiles().size()));
    }
    const auto decoder = twins::data::CfTimeDecoder::forVariable(file->variable("time"), path);
    result.calendar = decoder.calendar();
    for (const double hours : whole("time")) {
        result.times.push_back(decoder.decode(hours));
    }
    const std::vector<double> outputs = whole("prediction");
    std::vector<std::vector<double>> attributes;
    for (const char* name : attributeNames) {
        attributes.push_back(whole(name));
    }
    const std::size_t perStep = result.members * tiles;
    result.steps.resize(steps);
    for (std::size_t step = 0; step < steps; ++step) {
        StepPredictions& predictions = result.steps[step];
        predictions.members = result.members;
        predictions.outputs.resize(perStep);
        predictions.attributes.resize(perStep);
        for (std::size_t i = 0; i < perStep; ++i) {
            const std::size_t at = step * perStep + i;
            predictions.outputs[i] = {static_cast<float>(outputs[2 * at]),
                                      static_cast<float>(outputs[2 * at + 1])};
            predictions.attributes[i] = {static_cast<float>(attributes[0][at]),
                                         static_cast<float>(attributes[1][at]),
                                         static_cast<float>(attributes[2][at])};
        }
    }
    return result;
}

} // namespace cyclone
