# Writes the reference files of DatasetTest with Debian's Python stack (netCDF4, xarray, zarr,
# h5py, numcodecs) into the directory argv[1], and prints on stdout, as JSON, what xarray (or
# the writer) says each file holds; NaN is written as null.
import json, os, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import netCDF4
import xarray as xr
import h5py
import numcodecs

out = sys.argv[1]
expected = {}

# xarray 2023.01 decodes packed int16 in float32: its mask coder promotes int16 to float32
# before the scale coder unpacks. Twinbench decodes in float64, so the exact reference is
# xarray's own decode_cf applied to the same packed values widened to int32, for which xarray
# promotes to float64 and applies the same masks, scale and offset.
def xarray_float64(ds, name):
    raw = ds[[name]].copy()
    raw[name] = raw[name].astype("int32")
    return xr.decode_cf(raw)[name].values

def listed(array):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(array, "float64").ravel()]

# 1. Packed int16 with _FillValue and missing_value, descending latitude, 0..360 longitude.
path = os.path.join(out, "packed.nc")
with netCDF4.Dataset(path, "w", format="NETCDF4") as ds:
    ds.createDimension("time", 3); ds.createDimension("lat", 4); ds.createDimension("lon", 8)
    lat = ds.createVariable("lat", "f8", ("lat",)); lat.units = "degrees_north"
    lat[:] = [45.0, 15.0, -15.0, -45.0]
    lon = ds.createVariable("lon", "f8", ("lon",)); lon.units = "degrees_east"
    lon[:] = np.arange(8) * 45.0
    t = ds.createVariable("temp", "i2", ("time", "lat", "lon"), fill_value=-32767,
                          zlib=True, chunksizes=(1, 2, 4))
    t.set_auto_maskandscale(False)
    t.scale_factor = np.float64(0.01); t.add_offset = np.float64(273.15)
    t.missing_value = np.int16(-32000); t.units = "K"
    raw = (np.arange(96, dtype="int64").reshape(3, 4, 8) * 97 % 6000 - 3000).astype("int16")
    raw[0, 0, 0] = -32767; raw[1, 2, 3] = -32000; raw[2, 3, 7] = -32767
    t[:] = raw
decoded = xr.open_dataset(path)
expected["packed"] = listed(xarray_float64(xr.open_dataset(path, mask_and_scale=False), "temp"))
expected["packed_float32"] = listed(decoded["temp"].values)
decoded["temp"] = (decoded["temp"].dims,
                   xarray_float64(xr.open_dataset(path, mask_and_scale=False), "temp"))
shifted = decoded.assign_coords(lon=((decoded.lon + 180) % 360) - 180).sortby("lon")
expected["packed_lon_view"] = listed(shifted["lon"].values)
expected["packed_remapped_t1"] = listed(shifted["temp"].isel(time=1).values)

# 2. Every CF calendar: first and last decoded date of a 400-day axis from year 1999.
path = os.path.join(out, "calendars.nc")
calendars = ["standard", "gregorian", "proleptic_gregorian", "julian", "noleap", "365_day",
             "all_leap", "366_day", "360_day"]
with netCDF4.Dataset(path, "w") as ds:
    for cal in calendars:
        ds.createDimension("t_" + cal, 5)
        v = ds.createVariable("t_" + cal, "f8", ("t_" + cal,))
        v.units = "hours since 1999-12-30 06:00:00"; v.calendar = cal
        v[:] = [0.0, 24.0 * 59.5, 24.0 * 365, 24.0 * 366.25, 24.0 * 400]
decoded = xr.open_dataset(path, use_cftime=True)
expected["calendars"] = {cal: [decoded["t_" + cal].values[0].strftime("%Y-%m-%d %H:%M:%S"),
                               decoded["t_" + cal].values[-1].strftime("%Y-%m-%d %H:%M:%S")]
                         for cal in calendars}

# 3. Curvilinear grid with 2-D lat/lon, a rotated-pole grid mapping and bounds.
path = os.path.join(out, "curvilinear.nc")
with netCDF4.Dataset(path, "w") as ds:
    ds.createDimension("y", 3); ds.createDimension("x", 4); ds.createDimension("nv", 2)
    x = ds.createVariable("x", "f8", ("x",)); x.units = "degrees"; x.bounds = "x_bnds"
    x.standard_name = "grid_longitude"; x[:] = [-1.5, -0.5, 0.5, 1.5]
    xb = ds.createVariable("x_bnds", "f8", ("x", "nv")); xb[:] = [[-2, -1], [-1, 0], [0, 1], [1, 2]]
    y = ds.createVariable("y", "f8", ("y",)); y.units = "degrees"; y[:] = [-1.0, 0.0, 1.0]
    la = ds.createVariable("lat", "f8", ("y", "x")); la.units = "degrees_north"
    lo = ds.createVariable("lon", "f8", ("y", "x")); lo.units = "degrees_east"
    la[:] = 50 + np.arange(12).reshape(3, 4) * 0.1; lo[:] = 10 + np.arange(12).reshape(3, 4) * 0.2
    crs = ds.createVariable("rotated_pole", "i4", ())
    crs.grid_mapping_name = "rotated_latitude_longitude"
    crs.grid_north_pole_latitude = 39.25; crs.grid_north_pole_longitude = -162.0
    v = ds.createVariable("tas", "f4", ("y", "x")); v.coordinates = "lat lon"
    v.grid_mapping = "rotated_pole"; v.units = "K"; v[:] = np.arange(12).reshape(3, 4) + 270.0

# 4. Nested groups, dimensions defined in the parent group.
path = os.path.join(out, "groups.nc")
with netCDF4.Dataset(path, "w") as ds:
    ds.title = "nested"
    ds.createDimension("time", 2)
    fc = ds.createGroup("forecast"); fc.createDimension("lat", 3)
    lat = fc.createVariable("lat", "f4", ("lat",)); lat[:] = [1, 2, 3]
    sfc = fc.createGroup("surface"); sfc.level = "2 m"
    v = sfc.createVariable("t2m", "f8", ("time", "lat")); v[:] = [[1, 2, 3], [4, 5, 6]]
    obs = ds.createGroup("observations")
    w = obs.createVariable("t2m", "i4", ("time",)); w[:] = [7, 8]
expected["groups_t2m"] = [1, 2, 3, 4, 5, 6]

# 5. Compressed Zarr v2 stores, zlib and blosc, packed int16 like the NetCDF file.
data = xr.open_dataset(os.path.join(out, "packed.nc"), mask_and_scale=False)
for name, compressor in [("zlib", numcodecs.Zlib(level=4)),
                         ("blosc", numcodecs.Blosc(cname="zstd", clevel=3))]:
    store = os.path.join(out, "packed_%s.zarr" % name)
    ds = data.copy()
    ds["temp"].encoding = {"compressor": compressor, "chunks": (1, 2, 4)}
    ds["temp"].attrs.pop("_FillValue", None)
    ds["temp"].encoding["_FillValue"] = np.int16(-32767)
    ds.to_zarr(store, mode="w")
    expected["zarr_" + name] = listed(
        xarray_float64(xr.open_zarr(store, mask_and_scale=False), "temp"))

# 6. Plain HDF5 (not netCDF): groups, a chunked gzip dataset, attributes of several types.
path = os.path.join(out, "plain.h5")
with h5py.File(path, "w", track_order=True) as f:
    f.attrs["instrument"] = "calorimeter"
    g = f.create_group("run1/detector")
    g.attrs["gain"] = np.array([1.5, 2.5])
    counts = (np.arange(24, dtype="uint16").reshape(4, 6) * 3)
    d = g.create_dataset("counts", data=counts, chunks=(2, 3), compression="gzip")
    d.attrs["units"] = "count"; d.attrs["threshold"] = np.int32(7)
    f.create_dataset("energy", data=np.linspace(0.0, 1.0, 6))
expected["plain_counts"] = listed(counts)

print(json.dumps(expected))
