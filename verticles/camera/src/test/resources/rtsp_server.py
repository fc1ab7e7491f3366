"""A real RTSP server for the camera tests and benchmarks: GStreamer's gst-rtsp-server streaming a
test picture in H.264 (or H.265) with G.711 audio, or audio only.

Usage: /usr/bin/python3 rtsp_server.py <port> <mount> [h264|h265|audio-only]
                                       [--auth USER:PASSWORD] [--size 320x240] [--fps 15]

With --auth the server asks for that user and password (HTTP Basic over RTSP, as cameras do) and
refuses anyone else with 401. Keyframes come once a second. Prints READY once it listens, then
"PLAYING <seconds since the epoch>" whenever the stream's pipeline starts to play: its running time
0, from which a benchmark can tell when each frame was made. Streams until killed. Debian's
GStreamer bindings need /usr/bin/python3.
"""
import argparse
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

ENCODERS = {
    "h264": "x264enc tune=zerolatency key-int-max={fps} speed-preset=ultrafast ! rtph264pay name=pay0 pt=96",
    "h265": "x265enc tune=zerolatency key-int-max={fps} speed-preset=ultrafast ! rtph265pay name=pay0 pt=96",
}
VIDEO = "videotestsrc is-live=true ! video/x-raw,width={width},height={height},framerate={fps}/1 ! "
AUDIO = "audiotestsrc is-live=true ! audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay{index}"


def arguments():
    parser = argparse.ArgumentParser(description="RTSP test camera")
    parser.add_argument("port")
    parser.add_argument("mount")
    parser.add_argument("kind", nargs="?", default="h264", choices=["h264", "h265", "audio-only"])
    parser.add_argument("--auth", help="USER:PASSWORD the server asks for")
    parser.add_argument("--size", default="320x240", help="WIDTHxHEIGHT of the picture")
    parser.add_argument("--fps", type=int, default=15)
    return parser.parse_args()


def main():
    args = arguments()
    width, height = args.size.split("x")
    Gst.init(None)
    if args.kind == "audio-only":
        launch = AUDIO.format(index=0)
    else:
        video = VIDEO.format(width=width, height=height, fps=args.fps) + ENCODERS[args.kind].format(fps=args.fps)
        launch = video + " " + AUDIO.format(index=1)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch("( " + launch + " )")
    # One pipeline for every client, like a camera: a reconnecting reader joins the running stream.
    factory.set_shared(True)
    factory.connect("media-configure", lambda factory, media: media.connect("new-state", announce_playing))
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(args.port)
    server.get_mount_points().add_factory(args.mount, factory)
    if args.auth:
        require(server, factory, *args.auth.split(":", 1))
    if server.attach(None) == 0:
        print("FAILED to listen on port " + args.port, flush=True)
        sys.exit(1)
    print("READY", flush=True)
    GLib.MainLoop().run()


def announce_playing(media, state):
    if state == Gst.State.PLAYING:
        print("PLAYING %.3f" % time.time(), flush=True)


def require(server, factory, user, password):
    """Only this user may open and play the mount."""
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
    auth = GstRtspServer.RTSPAuth()
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    factory.add_role_from_structure(Gst.Structure.new_from_string(
        "viewer, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))


if __name__ == "__main__":
    main()
