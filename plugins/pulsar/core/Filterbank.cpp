#include "Filterbank.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace pulsar {

static_assert(std::endian::native == std::endian::little,
              "SIGPROC files are written little-endian by this code");

namespace {

void putString(std::string& out, std::string_view text) {
    const auto length = std::int32_t(text.size());
    out.append(reinterpret_cast<const char*>(&length), sizeof length);
    out.append(text);
}

void putInt(std::string& out, std::string_view key, std::int32_t value) {
    putString(out, key);
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void putDouble(std::string& out, std::string_view key, double value) {
    putString(out, key);
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

class HeaderCursor {
public:
    HeaderCursor(std::string_view bytes, const std::string& source)
        : m_bytes(bytes), m_source(source) {}

    template <typename T> T take() {
        if (m_position + sizeof(T) > m_bytes.size()) {
            throw std::runtime_error(m_source + ": the filterbank header is truncated");
        }
        T value;
        std::memcpy(&value, m_bytes.data() + m_position, sizeof value);
        m_position += sizeof value;
        return value;
    }

    std::string string() {
        const auto length = take<std::int32_t>();
        if (length < 0 || length > 4096 || m_position + std::size_t(length) > m_bytes.size()) {
            throw std::runtime_error(m_source + ": not a SIGPROC filterbank file (bad string "
                                                "length in the header)");
        }
        std::string text(m_bytes.substr(m_position, std::size_t(length)));
        m_position += std::size_t(length);
        return text;
    }

    std::size_t position() const { return m_position; }

private:
    std::string_view m_bytes;
    const std::string& m_source;
    std::size_t m_position = 0;
};

} // namespace

std::string encodeFilterbankHeader(const FilterbankHeader& h) {
    std::string out;
    putString(out, "HEADER_START");
    putInt(out, "telescope_id", h.telescopeId);
    putInt(out, "machine_id", h.machineId);
    putInt(out, "data_type", h.dataType);
    putString(out, "rawdatafile");
    putString(out, h.rawDataFile);
    putString(out, "source_name");
    putString(out, h.sourceName);
    putInt(out, "barycentric", 0);
    putInt(out, "pulsarcentric", 0);
    putDouble(out, "az_start", 0.0);
    putDouble(out, "za_start", 0.0);
    putDouble(out, "src_raj", 0.0);
    putDouble(out, "src_dej", 0.0);
    putDouble(out, "tstart", h.tstart);
    putDouble(out, "tsamp", h.tsamp);
    putInt(out, "nbits", h.nbits);
    putDouble(out, "fch1", h.fch1);
    putDouble(out, "foff", h.foff);
    putInt(out, "nchans", h.nchans);
    putInt(out, "nifs", h.nifs);
    if (h.periodS > 0.0) {
        putDouble(out, "period", h.periodS);
    }
    putString(out, "HEADER_END");
    return out;
}

FilterbankData decodeFilterbank(std::string_view bytes, const std::string& source) {
    HeaderCursor cursor(bytes, source);
    if (cursor.string() != "HEADER_START") {
        throw std::runtime_error(source + ": not a SIGPROC filterbank file (no HEADER_START)");
    }
    FilterbankData data;
    FilterbankHeader& h = data.header;
    h.periodS = 0.0;
    for (;;) {
        const std::string key = cursor.string();
        if (key == "HEADER_END") {
            break;
        }
        if (key == "rawdatafile") {
            h.rawDataFile = cursor.string();
        } else if (key == "source_name") {
            h.sourceName = cursor.string();
        } else if (key == "telescope_id") {
            h.telescopeId = cursor.take<std::int32_t>();
        } else if (key == "machine_id") {
            h.machineId = cursor.take<std::int32_t>();
        } else if (key == "data_type") {
            h.dataType = cursor.take<std::int32_t>();
        } else if (key == "nbits") {
            h.nbits = cursor.take<std::int32_t>();
        } else if (key == "nchans") {
            h.nchans = cursor.take<std::int32_t>();
        } else if (key == "nifs") {
            h.nifs = cursor.take<std::int32_t>();
        } else if (key == "fch1") {
            h.fch1 = cursor.take<double>();
        } else if (key == "foff") {
            h.foff = cursor.take<double>();
        } else if (key == "tstart") {
            h.tstart = cursor.take<double>();
        } else if (key == "tsamp") {
            h.tsamp = cursor.take<double>();
        } else if (key == "period") {
            h.periodS = cursor.take<double>();
        } else if (key == "barycentric" || key == "pulsarcentric" || key == "ibeam" ||
                   key == "nbeams" || key == "nsamples") {
            cursor.take<std::int32_t>();
        } else if (key == "az_start" || key == "za_start" || key == "src_raj" || key == "src_dej" ||
                   key == "refdm" || key == "fchannel") {
            cursor.take<double>();
        } else {
            throw std::runtime_error(source + ": unknown filterbank header keyword '" + key + "'");
        }
    }
    if (h.dataType != 1 || h.nbits != 32 || h.nifs != 1 || h.nchans < 2 || !(h.tsamp > 0.0) ||
        h.foff == 0.0) {
        throw std::runtime_error(source +
                                 ": only 32-bit, one-IF filterbank data with at least 2 "
                                 "channels is read here (data_type " +
                                 std::to_string(h.dataType) + ", nbits " + std::to_string(h.nbits) +
                                 ", nifs " + std::to_string(h.nifs) + ", nchans " +
                                 std::to_string(h.nchans) + ")");
    }
    const std::size_t payload = bytes.size() - cursor.position();
    const std::size_t sampleBytes = std::size_t(h.nchans) * sizeof(float);
    if (payload % sampleBytes != 0) {
        throw std::runtime_error(source + ": the data are not a whole number of samples of " +
                                 std::to_string(h.nchans) + " channels (truncated file?)");
    }
    data.samples = payload / sampleBytes;
    data.values.resize(data.samples * std::size_t(h.nchans));
    std::memcpy(data.values.data(), bytes.data() + cursor.position(), payload);
    return data;
}

FilterbankData readFilterbank(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot open the filterbank file");
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeFilterbank(bytes, path);
}

} // namespace pulsar
