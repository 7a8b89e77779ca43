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

    // CF global attributes every Twinbench output carries (CF 1.10 section 2.6.2):
    // "Conventions" (default "CF-1.10").
    void setConventions(const std::string& conventions = "CF-1.10");
    // Adds a line "YYYY-MM-DDTHH:MM:SSZ: <entry>" on top of the global "history" attribute
    // (newest first, as NCO and CDO do), so the file says what made it and when.
    void addHistory(const std::string& entry);
    // Provenance that ties the file to the run that made it and the software that wrote it:
    // "twinbench_run_id" (when runId is not empty), "twinbench_version" ("0.1.0 (abc1234)")
    // and "source" ("Twinbench 0.1.0 (abc1234)"). The run directory's prov.json has the rest.
    void setProvenance(const std::string& runId);

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
    std::string m_history;
};

} // namespace twins::data
