#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace twins::data {

// Writes a CF NetCDF-4 file. The file is written under a temporary name beside the target and
// renamed into place by commit(), so an interrupted or failed write never leaves a truncated
// file where a good one (or nothing) was; an uncommitted writer removes its temporary file.
class NetcdfWriter {
public:
    enum class Type { Short, Int, Float, Double };

    // Throws DataError when the temporary file cannot be created (e.g. directory missing).
    explicit NetcdfWriter(std::string path);
    ~NetcdfWriter();
    NetcdfWriter(const NetcdfWriter&) = delete;
    NetcdfWriter& operator=(const NetcdfWriter&) = delete;

    // length 0 makes the dimension unlimited.
    void addDimension(const std::string& name, std::size_t length);
    // deflateLevel 0 disables compression; chunk sizes empty means the library's default.
    void addVariable(const std::string& name, Type type, const std::vector<std::string>& dimensions,
                     int deflateLevel = 0, const std::vector<std::size_t>& chunkSizes = {});
    void setTextAttribute(const std::string& variable, const std::string& name,
                          const std::string& value);
    void setNumberAttribute(const std::string& variable, const std::string& name, Type type,
                            const std::vector<double>& values);
    void setGlobalTextAttribute(const std::string& name, const std::string& value);

    // Values are converted to the variable's type by the library (with rounding for integers).
    void write(const std::string& variable, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const double* values);
    void write(const std::string& variable, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const float* values);
    void write(const std::string& variable, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const short* values);

    // Closes the file and renames it to its final path. Throws DataError on failure (e.g. a full
    // disk), in which case the temporary file is removed and any existing target is untouched.
    void commit();

    const std::string& path() const { return m_path; }

private:
    int variableId(const std::string& name) const;
    void endDefinitions();

    std::string m_path;
    std::string m_temporaryPath;
    int m_ncid = -1;
    bool m_defining = true;
    bool m_open = false;
};

} // namespace twins::data
