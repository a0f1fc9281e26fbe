/// Everything a client does with objects through the API, as controller-runtime's
/// `client.Client` is a Reader, a Writer and a StatusWriter. `APIServer` is one in-process;
/// `RemoteAPI` is one over HTTP. Commands take `any ObjectAPI`, so they work on the embedded
/// store and against `fermi serve` alike.
public typealias ObjectAPI = ObjectReader & ObjectWriter & StatusWriter
