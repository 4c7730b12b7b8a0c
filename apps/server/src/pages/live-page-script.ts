/**
 * The small script of the phone page and the overlay (no framework, no build step): it reads the page's JSON
 * config, loads the feed's state, keeps it current from the socket (reconnecting with backoff, reloading the state
 * after a gap), and on the phone signs in, posts and votes. User text only ever goes in through textContent.
 */
export const LIVE_PAGE_SCRIPT = String.raw`(function () {
  var cfg = JSON.parse(document.getElementById('live-config').textContent);
  var T = cfg.copy, overlay = cfg.mode === 'overlay';
  var key = 'tp-live:' + cfg.apiBase;
  var token = null;
  try { token = localStorage.getItem(key); } catch (e) {}
  var state = { posts: [], pinned: null, poll: null, status: 'scheduled', viewer: null, voted: null };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; }
  function api(method, path, body) {
    var headers = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (token) headers['x-live-viewer'] = token;
    return fetch(cfg.apiBase + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { var e = new Error(messageOf(r.status, data)); e.status = r.status; e.code = data.code; throw e; }
        return data;
      });
    });
  }
  // The server words refusals of posts and names in the feed's language; other answers get the page's own words.
  function messageOf(status, data) {
    if (data.code === 'post_blocked') return data.detail;
    if (status === 429) return T.slow;
    if (status === 415) return T.notPhoto;
    if (status === 413) return T.photoTooBig;
    if (status === 403) return T.banned;
    if (status === 401) return T.signInAgain;
    if (status === 409) return data.title === 'Already voted' ? T.alreadyVoted : T.notLive;
    if (status === 400 && data.errors && data.errors.length) return T.invalid;
    return T.error;
  }
  function postNode(p, tag) {
    var li = el(tag || 'li', 'post' + (p.pinned ? ' pinned' : ''));
    li.dataset.id = p.id;
    var who = el('span', 'who', p.authorName);
    if (p.source !== 'viewer') who.appendChild(el('span', 'src src-' + p.source, p.source === 'hashtag' ? '#' : p.source === 'instagram' ? 'IG' : 'FB'));
    li.appendChild(who);
    var body = el('span', 'body');
    if (p.text) body.appendChild(el('span', 'text', p.text));
    if (p.emoji) body.appendChild(el('span', 'emoji', p.emoji));
    li.appendChild(body);
    if (p.photo) { var img = el('img', 'photo'); img.src = cfg.photoBase + '/' + p.id; img.alt = ''; img.loading = 'lazy'; li.appendChild(img); }
    return li;
  }
  // The ticker: posts run right to left without restarting; a new post joins right after what is on screen now,
  // one taken down leaves at once, and posts that ran off the left join the end again (the latest ones loop).
  var ticker = overlay && cfg.layout === 'ticker', tickX = cfg.width, lastFrame = 0;
  function syncTicker(list) {
    var ids = {};
    state.posts.slice(0, cfg.maxPosts).forEach(function (p) { ids[p.id] = p; });
    Array.prototype.slice.call(list.children).forEach(function (n) { if (!ids[n.dataset.id]) list.removeChild(n); else delete ids[n.dataset.id]; });
    var fresh = state.posts.filter(function (p) { return ids[p.id]; }).reverse();
    var after = null;
    Array.prototype.some.call(list.children, function (n) { if (n.offsetLeft + tickX > cfg.width) { after = n; return true; } return false; });
    fresh.forEach(function (p) { list.insertBefore(postNode(p), after); });
  }
  function tick(now) {
    var list = $('posts'), dt = lastFrame ? Math.min(100, now - lastFrame) : 0;
    lastFrame = now;
    tickX -= dt * cfg.speed / 1000;
    var first = list.firstElementChild;
    if (first && first.offsetLeft + first.offsetWidth + tickX < 0) {
      var shift = list.children.length > 1 ? list.children[1].offsetLeft - first.offsetLeft : first.offsetWidth;
      list.removeChild(first); tickX += shift; list.appendChild(first);
    }
    if (!first) tickX = cfg.width;
    list.style.transform = 'translateX(' + tickX + 'px)';
    requestAnimationFrame(tick);
  }
  if (ticker) requestAnimationFrame(tick);
  function renderPosts() {
    var list = $('posts');
    if (ticker) { syncTicker(list); renderPin(); return; }
    list.textContent = '';
    var shown = state.posts.slice(0, overlay ? cfg.maxPosts : 50);
    if (overlay) shown = shown.slice().reverse();
    shown.forEach(function (p) { list.appendChild(postNode(p)); });
    if (!overlay) $('empty').hidden = state.posts.length > 0;
    renderPin();
  }
  function renderPin() {
    var pin = $('pinned');
    pin.textContent = '';
    pin.hidden = !state.pinned;
    if (state.pinned) { pin.appendChild(el('span', 'pin-label', T.pinned)); pin.appendChild(postNode(state.pinned, 'div')); }
  }
  function renderPoll() {
    var box = $('poll'), poll = state.poll;
    box.textContent = '';
    box.hidden = !poll || (overlay && !cfg.showPoll);
    if (box.hidden) return;
    var heading = el('h2', 'poll-q', poll.question);
    heading.id = 'poll-q';
    box.appendChild(heading);
    var canVote = !overlay && poll.status === 'open' && state.viewer && !state.voted;
    poll.options.forEach(function (o) {
      var pct = poll.total ? Math.round(o.votes * 100 / poll.total) : 0;
      if (canVote) {
        var b = el('button', 'vote', o.label);
        b.type = 'button';
        b.addEventListener('click', function () { vote(o.id); });
        box.appendChild(b);
      } else {
        var row = el('div', 'bar' + (state.voted === o.id ? ' mine' : ''));
        row.setAttribute('role', 'meter'); row.setAttribute('aria-valuemin', '0'); row.setAttribute('aria-valuemax', '100'); row.setAttribute('aria-valuenow', String(pct));
        row.setAttribute('aria-label', o.label);
        var fill = el('span', 'fill'); fill.style.width = pct + '%';
        row.appendChild(fill);
        row.appendChild(el('span', 'label', o.label));
        row.appendChild(el('span', 'pct', pct + '% (' + o.votes + ')'));
        box.appendChild(row);
      }
    });
    box.appendChild(el('p', 'total', poll.total + ' ' + T.votes + (state.voted ? ' — ' + T.voted : '')));
  }
  function renderStatus() {
    document.body.dataset.status = state.status;
    if (overlay) return;
    var note = $('status-note');
    note.hidden = state.status === 'live';
    note.textContent = state.status === 'ended' ? T.ended : T.scheduled;
    $('signin').hidden = !!state.viewer || state.status === 'ended';
    $('compose').hidden = !state.viewer || state.status !== 'live';
    if (state.viewer) $('as').textContent = T.as + ': ' + state.viewer.displayName;
  }
  function render() { renderStatus(); renderPosts(); renderPoll(); }
  // One list per load in flight of the messages heard over the socket since it started; replayed on top of its
  // answer, so a message racing a load is never lost, whichever of two loads answers last.
  var listening = [];
  function load() {
    var heard = [];
    listening.push(heard);
    var stop = function () { listening.splice(listening.indexOf(heard), 1); };
    return api('GET', '').then(function (s) {
      stop();
      state.posts = s.posts; state.pinned = s.pinned; state.poll = s.poll; state.status = s.feed.status;
      state.viewer = s.viewer; state.voted = s.viewer ? s.viewer.votedOptionId : null;
      if (token && !s.viewer) { token = null; try { localStorage.removeItem(key); } catch (e) {} }
      heard.forEach(applyMessage);
      render();
    }, function (e) { stop(); throw e; });
  }
  function applyMessage(m) {
    if (m.type === 'post') {
      state.posts = [m.post].concat(state.posts.filter(function (p) { return p.id !== m.post.id; })).slice(0, 100);
    } else if (m.type === 'removed') {
      state.posts = state.posts.filter(function (p) { return p.id !== m.postId; });
      if (state.pinned && state.pinned.id === m.postId) state.pinned = null;
    } else if (m.type === 'pinned') {
      state.pinned = m.post;
      state.posts = state.posts.map(function (p) { return Object.assign({}, p, { pinned: !!(m.post && p.id === m.post.id) }); });
    } else if (m.type === 'poll') {
      if (!state.poll || state.poll.id !== m.poll.id) state.voted = null;
      state.poll = m.poll;
    } else if (m.type === 'feed') {
      state.status = m.status;
    } else return false;
    return true;
  }
  function onMessage(m) {
    // "ready" comes once the server has subscribed this socket: a load from then on misses nothing approved before it.
    if (m.type === 'ready') { load().catch(function () {}); return; }
    listening.forEach(function (list) { list.push(m); });
    if (applyMessage(m)) render();
  }
  var delay = 500;
  function connect() {
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + cfg.apiBase + '/socket');
    ws.onopen = function () { delay = 500; document.body.classList.remove('offline'); };
    ws.onmessage = function (e) { try { onMessage(JSON.parse(e.data)); } catch (err) {} };
    ws.onclose = function () { document.body.classList.add('offline'); setTimeout(connect, delay); delay = Math.min(delay * 2, 15000); };
  }
  function say(id, text, isError) { var n = $(id); n.textContent = text || ''; n.className = isError ? 'msg error' : 'msg ok'; n.hidden = !text; }
  function vote(optionId) {
    api('POST', '/polls/' + state.poll.id + '/votes', { optionId: optionId }).then(function (poll) { state.voted = optionId; state.poll = poll; renderPoll(); })
      .catch(function (e) { if (e.status === 409) { state.voted = state.voted || optionId; } say('post-msg', e.message, true); renderPoll(); });
  }
  if (!overlay) {
    var photoData = null;
    $('signin').addEventListener('submit', function (e) {
      e.preventDefault();
      var email = $('email').value.trim();
      api('POST', '/viewers', { displayName: $('name').value, email: email || null }).then(function (r) {
        token = r.token; try { localStorage.setItem(key, token); } catch (err) {}
        state.viewer = { displayName: r.viewer.displayName, votedOptionId: null };
        say('signin-msg', '');
        render();
        $('text').focus();
      }).catch(function (err) { say('signin-msg', err.message, true); });
    });
    document.querySelectorAll('.emoji-pick').forEach(function (b) {
      b.addEventListener('click', function () {
        var on = b.getAttribute('aria-pressed') !== 'true';
        document.querySelectorAll('.emoji-pick').forEach(function (o) { o.setAttribute('aria-pressed', 'false'); });
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
      });
    });
    $('photo').addEventListener('change', function () {
      var f = $('photo').files[0];
      photoData = null;
      $('photo-clear').hidden = true;
      if (!f) return;
      if (f.size > cfg.maxPhotoBytes) { say('post-msg', T.photoTooBig, true); $('photo').value = ''; return; }
      var reader = new FileReader();
      reader.onload = function () { photoData = String(reader.result); $('photo-clear').hidden = false; };
      reader.readAsDataURL(f);
    });
    $('photo-clear').addEventListener('click', function () { $('photo').value = ''; photoData = null; $('photo-clear').hidden = true; });
    $('compose').addEventListener('submit', function (e) {
      e.preventDefault();
      var picked = document.querySelector('.emoji-pick[aria-pressed="true"]');
      var button = $('send');
      button.disabled = true;
      api('POST', '/posts', { text: $('text').value, emoji: picked ? picked.textContent : null, photo: photoData }).then(function (r) {
        $('text').value = ''; photoData = null; $('photo').value = ''; $('photo-clear').hidden = true;
        if (picked) picked.setAttribute('aria-pressed', 'false');
        say('post-msg', r.status === 'approved' ? T.approved : T.pending, false);
      }).catch(function (err) {
        say('post-msg', err.message, true);
        if (err.status === 401) { token = null; try { localStorage.removeItem(key); } catch (e2) {} state.viewer = null; render(); }
      }).then(function () { button.disabled = false; });
    });
  }
  load().catch(function () {});
  connect();
})();`;
