# Writes the input files of DataGuiTest with Debian's Python stack (netCDF4, xarray, zarr,
# GDAL's Python bindings) into the directory argv[1]. Independent writers on purpose: the GUI
# must open what other tools write, not only what Twinbench writes.
import os, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import netCDF4
import xarray as xr
from osgeo import gdal

out = sys.argv[1]

# 1. NetCDF-4 whose only map is in a nested group: t2m = 0 west of lon 90, 1 from it.
with netCDF4.Dataset(os.path.join(out, "groups.nc"), "w", format="NETCDF4") as ds:
    ds.title = "nested groups"
    ds.createDimension("station", 3)
    ds.createVariable("station", "i4", ("station",))[:] = [1, 2, 3]
    g = ds.createGroup("forecast").createGroup("surface")
    g.source = "DataGuiFiles.py"
    g.createDimension("lat", 20); g.createDimension("lon", 40)
    lat = g.createVariable("lat", "f8", ("lat",)); lat.units = "degrees_north"
    lat[:] = np.linspace(-40, 40, 20)
    lon = g.createVariable("lon", "f8", ("lon",)); lon.units = "degrees_east"
    lon[:] = np.arange(40) * 4.0
    t = g.createVariable("t2m", "f4", ("lat", "lon")); t.units = "K"
    t.long_name = "2 m temperature"
    t[:] = np.where(np.arange(40) * 4.0 < 90.0, 250.0, 300.0)[None, :].repeat(20, 0)

# 2. Four time steps in the noleap calendar; a block of ones moves east by 10 columns per step.
#    Hours since 2016-02-28 00:00 of 12, 36, 60, 84 are 28 Feb, 1, 2 and 3 March at 12:00
#    in noleap (in the standard calendar 2016 has a 29 February).
with netCDF4.Dataset(os.path.join(out, "noleap.nc"), "w", format="NETCDF4") as ds:
    ds.createDimension("time", 4); ds.createDimension("lat", 10); ds.createDimension("lon", 40)
    time = ds.createVariable("time", "f8", ("time",))
    time.units = "hours since 2016-02-28 00:00:00"; time.calendar = "noleap"
    time[:] = [12, 36, 60, 84]
    lat = ds.createVariable("lat", "f8", ("lat",)); lat.units = "degrees_north"
    lat[:] = np.linspace(-45, 45, 10)
    lon = ds.createVariable("lon", "f8", ("lon",)); lon.units = "degrees_east"
    lon[:] = np.arange(40) * 4.0 - 80.0
    v = ds.createVariable("tracer", "f4", ("time", "lat", "lon")); v.units = "kg m-3"
    values = np.zeros((4, 10, 40), "f4")
    for step in range(4):
        values[step, :, step * 10:step * 10 + 10] = 1.0
    v[:] = values

# 3. 0..360 longitudes and descending latitudes (as ERA5 and most GRIB-derived files):
#    1 where lon >= 180 (the western hemisphere), 0.5 in the north-east (lat > 30, lon < 180),
#    0 elsewhere.
with netCDF4.Dataset(os.path.join(out, "lon360.nc"), "w", format="NETCDF4") as ds:
    ds.createDimension("lat", 12); ds.createDimension("lon", 36)
    lat = ds.createVariable("lat", "f8", ("lat",)); lat.units = "degrees_north"
    lat[:] = np.linspace(55, -55, 12)
    lon = ds.createVariable("lon", "f8", ("lon",)); lon.units = "degrees_east"
    lon[:] = np.arange(36) * 10.0
    v = ds.createVariable("mask", "f4", ("lat", "lon")); v.units = "1"
    la = np.linspace(55, -55, 12)[:, None]; lo = (np.arange(36) * 10.0)[None, :]
    v[:] = np.where(lo >= 180, 1.0, np.where(la > 30, 0.5, 0.0))

# 4. A compressed Zarr v2 store (xarray's default Blosc codec), values rising west to east.
x = np.arange(30) * 1.0; y = np.arange(16) * 1.0
field = xr.DataArray(np.where(x < 15, 0.0, 1.0)[None, :].repeat(16, 0).astype("f4"),
                     dims=("y", "x"), coords={"y": y, "x": x}, attrs={"units": "m"})
xr.Dataset({"height": field}).to_zarr(os.path.join(out, "store.zarr"), mode="w")

# 5. A GeoTIFF (north-up, one band): 1 in the northern half, 0 in the southern one.
raster = gdal.GetDriverByName("GTiff").Create(os.path.join(out, "dem.tif"), 24, 16, 1,
                                              gdal.GDT_Float32)
raster.SetGeoTransform([10.0, 0.5, 0.0, 50.0, 0.0, -0.5])
band = raster.GetRasterBand(1)
rows = np.zeros((16, 24), "f4"); rows[:8, :] = 1.0
band.WriteArray(rows)
band.FlushCache(); raster = None
