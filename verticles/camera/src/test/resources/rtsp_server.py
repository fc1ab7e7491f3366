"""A real RTSP server for the camera tests: GStreamer's gst-rtsp-server streaming H.264 video and G.711 audio.

Usage: /usr/bin/python3 rtsp_server.py <port> <mount> [h264|h265|audio-only] [<user>:<password>]
With a user and password the server asks for them (HTTP Basic over RTSP, as cameras do) and refuses
anyone else with 401. Prints READY once it listens; streams until killed. Debian's GStreamer bindings
need /usr/bin/python3.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

VIDEO = {
    "h264": "videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=15/1"
            " ! x264enc tune=zerolatency key-int-max=15 speed-preset=ultrafast ! rtph264pay name=pay0 pt=96",
    "h265": "videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=15/1"
            " ! x265enc tune=zerolatency key-int-max=15 speed-preset=ultrafast ! rtph265pay name=pay0 pt=96",
}
AUDIO = "audiotestsrc is-live=true ! audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay{index}"


def main():
    port, mount = sys.argv[1], sys.argv[2]
    kind = sys.argv[3] if len(sys.argv) > 3 else "h264"
    credentials = sys.argv[4] if len(sys.argv) > 4 else None
    Gst.init(None)
    if kind == "audio-only":
        launch = AUDIO.format(index=0)
    else:
        launch = VIDEO[kind] + " " + AUDIO.format(index=1)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch("( " + launch + " )")
    # One pipeline for every client, like a camera: a reconnecting reader joins the running stream.
    factory.set_shared(True)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    server.get_mount_points().add_factory(mount, factory)
    if credentials:
        require(server, factory, *credentials.split(":", 1))
    if server.attach(None) == 0:
        print("FAILED to listen on port " + port, flush=True)
        sys.exit(1)
    print("READY", flush=True)
    GLib.MainLoop().run()


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
