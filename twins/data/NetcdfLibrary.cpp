#include "twinbench/data/NetcdfLibrary.h"

#include "twinbench/data/DataError.h"

#include <hdf5.h>
#include <netcdf.h>

namespace twins::data {

std::recursive_mutex& netcdfLibraryMutex() {
    static std::recursive_mutex mutex;
    // NetCDF-C 4.9.0 probes optional HDF5 attributes (e.g. _QuantizeBitRound...) and HDF5's
    // default handler prints a diagnostic stack for each miss. Errors reach us as status codes
    // and become DataErrors, so the automatic printing is switched off once.
    static const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
    return mutex;
}

void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context) {
    if (status != NC_NOERR) {
        throw DataError(path, variable, context + ": " + nc_strerror(status));
    }
}

} // namespace twins::data
