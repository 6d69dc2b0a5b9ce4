/**
 * A graphql-ws server in memory, reached through a fake WebSocket class that replaces the
 * browser's (`vi.stubGlobal('WebSocket', server.WebSocket)`), so that the screen's real
 * graphql-ws client, with its real retry loop and our back-off, runs against it in component
 * tests. Events are delivered on microtasks, never on timers: a test's fake timers count only
 * the screen's own.
 */

export interface FakeSubscription {
  socket: FakeSocket
  id: string
  operationName: string
  variables: Record<string, unknown>
}

type Message = { type: string; id?: string; payload?: any }

/** What the server answers a subscription with; undefined: nothing yet. */
export type SubscribeHandler = (subscription: FakeSubscription, server: FakeGraphqlWsServer) => void

export class FakeSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3

  readyState = FakeSocket.CONNECTING
  onopen: ((event: unknown) => void) | null = null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: string }) => void) | null = null
  /** Every message the client sent, parsed. */
  readonly sent: Message[] = []

  constructor(
    readonly url: string,
    readonly protocol: string,
    private readonly server: FakeGraphqlWsServer,
  ) {}

  send(data: string): void {
    const message = JSON.parse(data) as Message
    this.sent.push(message)
    this.server.received(this, message)
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeSocket.CLOSED) return
    this.readyState = FakeSocket.CLOSED
    queueMicrotask(() => this.onclose?.({ code, reason, wasClean: true }))
  }

  /** The server's side: a message to the client. */
  deliver(message: Message): void {
    if (this.readyState !== FakeSocket.OPEN) return
    queueMicrotask(() => this.onmessage?.({ data: JSON.stringify(message) }))
  }

  /** The server's side: the connection is gone (no close frame, as when the server dies). */
  drop(code = 1006): void {
    if (this.readyState === FakeSocket.CLOSED) return
    this.readyState = FakeSocket.CLOSED
    queueMicrotask(() => this.onclose?.({ code, reason: '', wasClean: false }))
  }
}

export class FakeGraphqlWsServer {
  /** Accepts connections; when false, every new socket fails as if nothing listened. */
  up = true
  /** New sockets neither open nor fail (a black-holed network): they stay CONNECTING. */
  hanging = false
  /** Every socket the client opened, oldest first. */
  readonly sockets: FakeSocket[] = []
  /** Subscriptions open now. */
  readonly subscriptions: FakeSubscription[] = []
  /** Every subscribe message ever received, oldest first. */
  readonly subscribeLog: FakeSubscription[] = []
  /**
   * Checks each connection_init's payload (the screen's token); a reason refuses it: the socket
   * closes with 4403 and that reason, as the gateway does.
   */
  refuse: (connectionParams: Record<string, unknown>) => string | undefined = () => undefined

  /** The class to install as the global WebSocket. */
  readonly WebSocket: typeof FakeSocket

  constructor(private readonly onSubscribe: SubscribeHandler) {
    const server = this
    this.WebSocket = class extends FakeSocket {
      constructor(url: string, protocol: string) {
        super(url, protocol, server)
        server.connect(this)
      }
    }
  }

  private connect(socket: FakeSocket): void {
    this.sockets.push(socket)
    queueMicrotask(() => {
      if (socket.readyState !== FakeSocket.CONNECTING || this.hanging) return
      if (!this.up) {
        socket.onerror?.({ type: 'error' })
        socket.drop()
        return
      }
      socket.readyState = FakeSocket.OPEN
      socket.onopen?.({ type: 'open' })
    })
  }

  received(socket: FakeSocket, message: Message): void {
    switch (message.type) {
      case 'connection_init': {
        const reason = this.refuse(message.payload ?? {})
        if (reason) socket.close(4403, reason)
        else socket.deliver({ type: 'connection_ack' })
        return
      }
      case 'ping':
        socket.deliver({ type: 'pong' })
        return
      case 'subscribe': {
        const subscription: FakeSubscription = {
          socket,
          id: message.id!,
          operationName: message.payload.operationName,
          variables: { ...message.payload.variables },
        }
        this.subscriptions.push(subscription)
        this.subscribeLog.push(subscription)
        this.onSubscribe(subscription, this)
        return
      }
      case 'complete':
        this.forget(socket, message.id!)
        return
    }
  }

  private forget(socket: FakeSocket, id: string): void {
    const at = this.subscriptions.findIndex((s) => s.socket === socket && s.id === id)
    if (at >= 0) this.subscriptions.splice(at, 1)
  }

  /** The open subscriptions of one operation. */
  open(operationName: string): FakeSubscription[] {
    return this.subscriptions.filter((s) => s.operationName === operationName)
  }

  next(subscription: FakeSubscription, payload: unknown): void {
    subscription.socket.deliver({ type: 'next', id: subscription.id, payload })
  }

  /** Ends a subscription with an error message (graphql-ws `error`): the client will not resubscribe by itself. */
  error(subscription: FakeSubscription, errors: { message: string; extensions?: Record<string, unknown> }[]): void {
    this.forget(subscription.socket, subscription.id)
    subscription.socket.deliver({ type: 'error', id: subscription.id, payload: errors })
  }

  /** The server goes away: every socket drops and new ones fail until `restart()`. */
  stop(): void {
    this.up = false
    this.subscriptions.length = 0
    for (const socket of this.sockets) socket.drop()
  }

  restart(): void {
    this.up = true
  }

  /** Sockets that are open now. */
  get openSockets(): FakeSocket[] {
    return this.sockets.filter((s) => s.readyState === FakeSocket.OPEN)
  }
}
