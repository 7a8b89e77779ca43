#pragma once

// A file that crashes HDF5 1.10 in whatever process reads it (issue 18): a netCDF-4 file whose
// string variable's global-heap object claims 256 MiB, when the strings are read. Shared by the
// probe's unit test and the GUI test that opens it. QTest macros: call from a test function.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTest>

#include <netcdf.h>

#include <cstring>

namespace twins::testing {

// A netCDF-4 file with a float variable and a string variable (strings live in HDF5's global
// heap, one heap object per string).
inline void writeStringFile(const QString& path) {
    int ncid = -1;
    QCOMPARE(nc_create(QFile::encodeName(path).constData(), NC_NETCDF4 | NC_CLOBBER, &ncid),
             NC_NOERR);
    int dimension = -1;
    int names = -1;
    int values = -1;
    nc_def_dim(ncid, "n", 3, &dimension);
    nc_def_var(ncid, "names", NC_STRING, 1, &dimension, &names);
    nc_def_var(ncid, "values", NC_FLOAT, 1, &dimension, &values);
    nc_put_att_text(ncid, values, "units", 1, "K");
    nc_enddef(ncid);
    const char* strings[] = {"alpha", "beta", "gamma"};
    QCOMPARE(nc_put_var_string(ncid, names, strings), NC_NOERR);
    const float numbers[] = {1.0f, 2.0f, 3.0f};
    QCOMPARE(nc_put_var_float(ncid, values, numbers), NC_NOERR);
    QCOMPARE(nc_close(ncid), NC_NOERR);
}

// The same file with the size of the first object of its global heap collection ("GCOL",
// version 1, 3 reserved bytes, 8-byte collection size; then per object a 2-byte index, 2-byte
// reference count, 4 reserved bytes and an 8-byte size) set to 256 MiB: HDF5 1.10.8 copies that
// many bytes out of a 4 KiB heap when the string is read (H5HG_read) and dies of SIGSEGV.
inline QByteArray withCorruptGlobalHeap(QByteArray bytes) {
    const qsizetype heap = bytes.indexOf("GCOL");
    if (heap < 0) {
        return {};
    }
    const quint64 claimed = quint64(256) << 20;
    std::memcpy(bytes.data() + heap + 16 + 8, &claimed, sizeof claimed); // little-endian
    return bytes;
}

} // namespace twins::testing
