package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.screencast.Frame;

/** Where the session writes to one client; the Netty implementation lives in the server package. */
public interface ClientSink {
    /** Sends a JSON text message (result, event, pong); these are never dropped. */
    void send(String json);

    /** Offers a frame; only the latest unsent frame is kept while the socket is not writable. */
    void offerFrame(Frame frame, boolean binary);

    /** Bytes written to this client but not yet taken by its socket. */
    long backlogBytes();

    /** Frames replaced in the keep-latest slot before this client could take them. */
    long framesDropped();

    /** Closes the WebSocket with a close code and reason. */
    void close(int code, String reason);
}
