#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace twins::data {

// Writes a plain HDF5 file (for twins whose outputs are not gridded CF fields: calorimeter
// showers, pulsar residuals): nested groups, chunked and deflate-compressed datasets, text and
// number attributes on the file, groups and datasets. Objects are named by absolute path
// ("/showers/energy"); "/" is the root group.
//
// Like NetcdfWriter, the file is written under a temporary name beside the target and renamed
// by commit(), so a failed write never leaves a truncated file in place. Every HDF5 call holds
// netcdfLibraryMutex(): Debian's HDF5 is not thread-safe and NetCDF-C calls it too.
class Hdf5Writer {
public:
    enum class Type { Int16, Int32, Int64, Float32, Float64 };

    // Throws DataError when the temporary file cannot be created (e.g. directory missing).
    explicit Hdf5Writer(std::string path);
    ~Hdf5Writer();
    Hdf5Writer(const Hdf5Writer&) = delete;
    Hdf5Writer& operator=(const Hdf5Writer&) = delete;

    // Creates the group and any missing parents.
    void createGroup(const std::string& groupPath);
    // chunkSizes empty: contiguous storage, and then deflateLevel must be 0 (HDF5 filters need
    // chunks; a DataError says so). Parent groups are created when missing.
    void createDataset(const std::string& datasetPath, Type type,
                       const std::vector<std::size_t>& shape,
                       const std::vector<std::size_t>& chunkSizes = {}, int deflateLevel = 0);
    // On a group or a dataset, by path.
    void setTextAttribute(const std::string& objectPath, const std::string& name,
                          const std::string& value);
    void setNumberAttribute(const std::string& objectPath, const std::string& name, Type type,
                            const std::vector<double>& values);

    // A hyperslab of a dataset; HDF5 converts the values to the dataset's type.
    void write(const std::string& datasetPath, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const double* values);
    void write(const std::string& datasetPath, const std::vector<std::size_t>& start,
               const std::vector<std::size_t>& count, const float* values);

    // Closes the file and renames it to its final path. Throws DataError on failure, in which
    // case the temporary file is removed and any existing target is untouched.
    void commit();

    const std::string& path() const { return m_path; }

private:
    void writeValues(const std::string& datasetPath, const std::vector<std::size_t>& start,
                     const std::vector<std::size_t>& count, const void* values, bool isDouble);

    std::string m_path;
    std::string m_temporaryPath;
    long long m_file = -1; // hid_t, kept out of this header so users need no HDF5 headers
    bool m_open = false;
};

} // namespace twins::data
