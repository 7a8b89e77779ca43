"""Frames of a pulsar simulate run rewritten by python3-xarray in the layouts classify must read.

Usage: PulsarXarrayFiles.py FRAMES_NC OUT_DIR

Takes frames 0..3 of FRAMES_NC (frames(frame, phase, frequency), frequency in GHz descending)
and writes, each holding the same values:
  mhz_ascending_transposed.nc  power(frame, frequency, phase), frequency in MHz ascending
  time_axis.nc                 spectra(obs, time, channel_frequency): a time axis in seconds
                               instead of phase, frequency in MHz descending, stack dim 'obs'
  mlppa_frame1.nc              ML-PPA's layout: dataframe(rot_phases, freqs), freqs in GHz
                               without units, one frame (frame 1), with a 'description'
  hdf5_stack.h5                frames as HDF5 (h5netcdf engine not needed: netCDF-4 is HDF5),
                               data(frame, phase, frequency), frequency in Hz
  fewer_channels.nc            frames averaged over channel pairs (half the channels), GHz
  l_band.nc                    the same frames labelled as observed at 1.2-1.8 GHz (outside the
                               band a model trained on the run's frames knows)
  one_d.nc                     only a 1-D variable 'profile' over phase
  no_frequency.nc              frames(frame, phase, chan) without a frequency coordinate
"""
import sys

import numpy as np
import xarray as xr

source, out = sys.argv[1], sys.argv[2]
with xr.open_dataset(source) as ds:
    frames = ds["frames"].isel(frame=slice(0, 4)).values.astype("float32")  # frame, phase, freq
    ghz = ds["frequency"].values  # descending
    phase = ds["phase"].values

ascending = frames[:, :, ::-1]
xr.Dataset(
    {"power": (("frame", "frequency", "phase"), np.transpose(ascending, (0, 2, 1)))},
    coords={"frequency": ("frequency", ghz[::-1] * 1000.0, {"units": "MHz"}),
            "phase": ("phase", phase, {"units": "degree"})},
).to_netcdf(f"{out}/mhz_ascending_transposed.nc")

seconds = phase / 360.0 * 0.5
xr.Dataset(
    {"spectra": (("obs", "time", "channel_frequency"), frames)},
    coords={"channel_frequency": ("channel_frequency", ghz * 1000.0, {"units": "MHz"}),
            "time": ("time", seconds, {"units": "s"})},
).to_netcdf(f"{out}/time_axis.nc")

xr.Dataset(
    {"dataframe": (("rot_phases", "freqs"), frames[1])},
    coords={"freqs": ("freqs", ghz), "rot_phases": ("rot_phases", phase)},
    attrs={"description": "Pulsar, NBRFI, BBRFI labels as in ML-PPA"},
).to_netcdf(f"{out}/mlppa_frame1.nc")

xr.Dataset(
    {"data": (("frame", "phase", "frequency"), frames)},
    coords={"frequency": ("frequency", ghz * 1e9, {"units": "Hz"}),
            "phase": ("phase", phase, {"units": "degree"})},
).to_netcdf(f"{out}/hdf5_stack.h5", format="NETCDF4")

half = frames.reshape(frames.shape[0], frames.shape[1], -1, 2).mean(axis=3)
xr.Dataset(
    {"frames": (("frame", "phase", "frequency"), half)},
    coords={"frequency": ("frequency", ghz.reshape(-1, 2).mean(axis=1), {"units": "GHz"}),
            "phase": ("phase", phase, {"units": "degree"})},
).to_netcdf(f"{out}/fewer_channels.nc")

xr.Dataset(
    {"frames": (("frame", "phase", "frequency"), frames)},
    coords={"frequency": ("frequency", np.linspace(1.8, 1.2, ghz.size), {"units": "GHz"}),
            "phase": ("phase", phase, {"units": "degree"})},
).to_netcdf(f"{out}/l_band.nc")

xr.Dataset(
    {"profile": (("phase",), frames[0].mean(axis=1))},
    coords={"phase": ("phase", phase, {"units": "degree"})},
).to_netcdf(f"{out}/one_d.nc")

xr.Dataset({"frames": (("frame", "phase", "chan"), frames)}).to_netcdf(f"{out}/no_frequency.nc")
