#pragma once

// SIGPROC filterbank files (Lorimer, SIGPROC user guide): a binary header of keywords, each a
// 4-byte little-endian length followed by the keyword's characters, then the keyword's value
// (int32, float64, or a string written the same way as a keyword), between HEADER_START and
// HEADER_END; then the samples, time by time, each sample `nchans` values from fch1 onwards
// (channel i at fch1 + i foff, MHz). This twin writes 32-bit floats (nbits 32), one IF.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pulsar {

struct FilterbankHeader {
    int telescopeId = 0; // 0: "fake" in SIGPROC's telescope list
    int machineId = 0;   // 0: "FAKE"
    int dataType = 1;    // 1: filterbank
    std::string rawDataFile = "twinbench-pulsar";
    std::string sourceName = "PSR_SIM";
    double fch1 = 849.0; // MHz, centre of the first channel
    double foff = -1.0;  // MHz per channel (negative: descending)
    int nchans = 600;
    int nbits = 32;
    double tstart = 60000.0; // MJD of the first sample
    double tsamp = 0.001;    // s
    int nifs = 1;
    double periodS = 0.0; // folding period, written as `period` when > 0
};

// The header's bytes.
std::string encodeFilterbankHeader(const FilterbankHeader& header);

struct FilterbankData {
    FilterbankHeader header;
    std::size_t samples = 0;
    std::vector<float> values; // samples x nchans, time-major as in the file
};

// Parses a whole file's bytes; throws std::runtime_error naming `source` for anything but
// 32-bit, one-IF filterbank data (or a truncated file).
FilterbankData decodeFilterbank(std::string_view bytes, const std::string& source);
// Reads and parses a file.
FilterbankData readFilterbank(const std::string& path);

} // namespace pulsar
