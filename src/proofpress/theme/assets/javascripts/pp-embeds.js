// Click-to-load players for DEV's embed tags. Until a reader clicks a card, nothing loads from
// the player's host; the card is a plain link, so without this script it opens the provider.
(function () {
  "use strict";
  var HOSTS = [
    "www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com", "codepen.io",
    "codesandbox.io", "stackblitz.com", "jsfiddle.net", "replit.com", "glitch.com",
    "speakerdeck.com", "www.slideshare.net", "open.spotify.com", "www.instagram.com"
  ];
  var SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation";
  var ALLOW = "autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture";

  function player(link) {
    var address;
    try {
      // The browser's own URL parser: the WHATWG rules proofpress.weburl.browser_host follows.
      address = new URL(link.getAttribute("data-pp-embed"));
    } catch (error) {
      return null;
    }
    if (address.protocol !== "https:" || HOSTS.indexOf(address.hostname) < 0) return null;
    var frame = document.createElement("iframe");
    frame.className = "pp-embed__frame";
    frame.src = address.href;
    frame.title = link.querySelector(".pp-embed__title").textContent;
    frame.setAttribute("sandbox", SANDBOX);
    frame.setAttribute("allow", ALLOW);
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("allowfullscreen", "");
    return frame;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pp-embed]");
    if (!link) return;
    var frame = player(link);
    if (!frame) return; // an unknown host: the link opens the provider's page instead
    event.preventDefault();
    var card = link.parentNode;
    card.classList.add("pp-embed--live");
    card.replaceChild(frame, link);
    frame.focus();
  });
})();
