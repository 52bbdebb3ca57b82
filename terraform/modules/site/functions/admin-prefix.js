// CloudFront Function (cloudfront-js-2.0, viewer-request) of the /admin/* behaviour: the
// administrators' API has the contracts' paths, so /admin/orders/42 reaches it as /orders/42.
var PREFIX = '/admin';

function handler(event) {
  var request = event.request;
  if (request.uri.indexOf(PREFIX + '/') === 0) {
    request.uri = request.uri.substring(PREFIX.length);
  }
  return request;
}
