package org.outdial.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.api.TestApi;

/** Closing the server lets a running request finish, then refuses new connections. */
class GracefulCloseTest {

    @Test
    void aRequestRunningWhenTheServerClosesStillGetsItsAnswer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Router router = new Router().post("/slow", Access.PUBLIC, request -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return Response.success("done");
        });
        HttpServer server = HttpServer.start(new HttpServer.Settings("127.0.0.1", 0, 1024), router, Gate.openToAll());
        TestApi api = new TestApi(server.port());
        CompletableFuture<HttpResponse<String>> slow = api.client().sendAsync(
                HttpRequest.newBuilder(api.uri("/slow")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(20, TimeUnit.SECONDS));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        assertFalse(closing.isDone(), "close waits for the running handler");
        release.countDown();

        HttpResponse<String> response = slow.get(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"Success\",\"message\":\"done\"}", response.body());
        closing.get(20, TimeUnit.SECONDS);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> api.client().sendAsync(
                HttpRequest.newBuilder(api.uri("/slow")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).get(20, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof ConnectException, refused.getCause().toString());
    }
}
