package io.sensepulse.rig.capture;

/**
 * One block of ffmpeg's {@code -progress} output.
 *
 * @param fps encode rate over the last second, as ffmpeg computes it
 * @param bitrateKbps output bitrate so far, or -1 while ffmpeg says N/A
 * @param outTimeMicros media time written so far
 * @param speed media time per wall time (1.0 = real time), or -1 while unknown
 * @param ended the block closed with {@code progress=end}
 */
public record Progress(long frame, double fps, long droppedFrames, long duplicatedFrames, double bitrateKbps,
    long outTimeMicros, double speed, boolean ended) {}
