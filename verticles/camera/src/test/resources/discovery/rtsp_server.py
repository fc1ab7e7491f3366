"""A real RTSP server for the discovery test: GStreamer's gst-rtsp-server on 127.0.0.1, any free port.

Prints the bound port on one line, then serves until stdin closes (the test ending), so it never
outlives the JVM that started it. Run with Debian's /usr/bin/python3, which has the gi bindings.
"""
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
# Built only on DESCRIBE; an OPTIONS probe never starts the encoder.
factory.set_launch("( videotestsrc ! video/x-raw,width=160,height=120 ! x264enc tune=zerolatency ! rtph264pay name=pay0 pt=96 )")
server.get_mount_points().add_factory("/stream", factory)
server.attach(None)
print(server.get_bound_port(), flush=True)

loop = GLib.MainLoop()


def quit_when_stdin_closes():
    sys.stdin.read()
    GLib.idle_add(loop.quit)


threading.Thread(target=quit_when_stdin_closes, daemon=True).start()
loop.run()
