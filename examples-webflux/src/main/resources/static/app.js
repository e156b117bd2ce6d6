'use strict';
// The page's behaviour: submit a task, follow its server-sent events, show the image.
// window.statusLog lists the statuses the page received for the task it shows, in order.
(() => {
  const $ = id => document.getElementById(id);
  const taskUrl = handle => '/api/tasks/' + encodeURIComponent(handle);
  let source = null;
  let handle = null;
  let choices = [];
  window.statusLog = [];

  async function problemOf(response) {
    try {
      return await response.json();
    } catch (e) {
      return { title: response.status + ' ' + response.statusText };
    }
  }

  function describe(problem) {
    const text = [problem.title, problem.detail].filter(Boolean).join(': ');
    return text || 'Something went wrong.';
  }

  // ---- the form -------------------------------------------------------------------------------

  function setUpLoras(list) {
    const select = $('lora-choice');
    const input = $('lora');
    choices = list.choices;
    if (choices.length === 0) {
      input.value = list.defaultLora || '';
      return;
    }
    for (const choice of choices) {
      select.add(new Option(choice.label + ' (' + choice.id + ')', choice.id));
    }
    select.add(new Option('Other: type a catalog id, a label or a .safetensors URL', ''));
    select.value = list.defaultLora || choices[0].id;
    select.hidden = false;
    input.hidden = true;
    select.addEventListener('change', () => {
      input.hidden = select.value !== '';
      if (!input.hidden) {
        input.focus();
      }
      showTriggerWords();
    });
    showTriggerWords();
  }

  function showTriggerWords() {
    const choice = choices.find(c => c.id === $('lora-choice').value);
    const hint = $('lora-hint');
    hint.hidden = !choice || choice.triggerWords.length === 0;
    if (!hint.hidden) {
      hint.textContent = 'Trigger words, to put in the prompt for this style: ' + choice.triggerWords.join(', ');
    }
  }

  function chosenLora() {
    const select = $('lora-choice');
    return (select.hidden || select.value === '' ? $('lora').value : select.value).trim();
  }

  function showFormError(problem) {
    const error = $('form-error');
    error.textContent = describe(problem);
    error.hidden = false;
    if (problem.field) {
      const field = problem.field === 'lora' && $('lora').hidden ? $('lora-choice') : $(problem.field);
      if (field) {
        field.classList.add('invalid');
        field.focus();
      }
    }
  }

  function clearFormError() {
    $('form-error').hidden = true;
    document.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
  }

  $('generate').addEventListener('submit', async event => {
    event.preventDefault();
    clearFormError();
    const body = { prompt: $('prompt').value };
    const lora = chosenLora();
    if (lora) {
      body.lora = lora;
    }
    for (const name of ['width', 'height']) {
      const value = $(name).value.trim();
      if (value) {
        body[name] = Number(value);
      }
    }
    $('submit').disabled = true;
    try {
      const response = await fetch('/api/tasks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        showFormError(await problemOf(response));
        return;
      }
      const created = await response.json();
      history.pushState(null, '', '?task=' + encodeURIComponent(created.handle));
      watch(created.handle);
    } catch (e) {
      showFormError({ title: 'The server could not be reached', detail: e.message });
    } finally {
      $('submit').disabled = false;
    }
  });

  // ---- the task -------------------------------------------------------------------------------

  function watch(taskHandle) {
    if (source) {
      source.close();
    }
    handle = taskHandle;
    window.statusLog = [];
    $('task').hidden = false;
    $('status').textContent = 'SUBMITTED';
    $('status').dataset.status = '';
    $('status-detail').textContent = 'waiting for the first status';
    $('progress').removeAttribute('value');
    $('task-error').hidden = true;
    $('images').replaceChildren();
    $('cancel').hidden = false;
    $('cancel').disabled = false;
    $('permalink').href = '?task=' + encodeURIComponent(taskHandle);
    $('handle').textContent = 'Handle: ' + taskHandle;

    const events = new EventSource(taskUrl(taskHandle) + '/events');
    source = events;
    events.addEventListener('update', e => show(JSON.parse(e.data)));
    events.addEventListener('problem', e => {
      events.close();
      ended();
      showTaskError(JSON.parse(e.data));
    });
    events.onerror = async () => {
      if (events !== source) {
        return;
      }
      if (events.readyState !== EventSource.CLOSED) {
        $('status-detail').textContent = 'connection lost, reconnecting…';
        return;
      }
      // the server refused the stream (an unknown task, a provider error): ask it why
      ended();
      try {
        const response = await fetch(taskUrl(taskHandle), { headers: { 'Accept': 'application/json' } });
        showTaskError(response.ok ? { title: 'The status stream stopped' } : await problemOf(response));
      } catch (e) {
        showTaskError({ title: 'The server could not be reached', detail: e.message });
      }
    };
  }

  function show(update) {
    window.statusLog.push(update.status);
    const status = $('status');
    status.textContent = update.status;
    status.dataset.status = update.status;

    const details = [];
    if (update.providerStatus && update.providerStatus !== update.status.toLowerCase()) {
      details.push('provider: ' + update.providerStatus);
    }
    if (update.queuePosition != null) {
      details.push('queue position ' + update.queuePosition);
    }
    if (update.progress != null) {
      details.push(Math.round(update.progress * 100) + '%');
    }
    details.push((update.elapsedMs / 1000).toFixed(1) + ' s');
    if (update.message && update.message !== update.error) {
      details.push(update.message);
    }
    $('status-detail').textContent = details.join(' · ');

    const bar = $('progress');
    if (update.progress != null) {
      bar.value = update.progress;
    } else if (update.terminal) {
      bar.value = update.status === 'FINISHED' ? 1 : 0;
    } else {
      bar.removeAttribute('value'); // not reported: an indeterminate bar
    }

    if (!update.terminal) {
      return;
    }
    source.close();
    ended();
    if (update.status === 'FINISHED') {
      (update.outputs || []).forEach((url, i) => {
        const link = document.createElement('a');
        link.href = url;
        link.target = '_blank';
        const image = document.createElement('img');
        image.id = 'image-' + i;
        image.alt = 'Output ' + (i + 1) + ' of the task';
        image.src = url;
        link.append(image);
        $('images').append(link);
      });
    } else if (update.status === 'CANCELED') {
      showTaskError({ title: 'The task was canceled', detail: update.error }, 'notice');
    } else {
      showTaskError({ title: 'The task failed', detail: update.error || 'The provider gave no reason.' });
    }
  }

  function ended() {
    $('cancel').hidden = true;
  }

  function showTaskError(problem, kind) {
    const error = $('task-error');
    error.textContent = describe(problem);
    error.className = kind || 'error';
    error.hidden = false;
  }

  $('cancel').addEventListener('click', async () => {
    const button = $('cancel');
    button.disabled = true;
    $('status-detail').textContent = 'canceling…';
    try {
      const response = await fetch(taskUrl(handle), { method: 'DELETE' });
      if (response.status !== 204) {
        showTaskError(await problemOf(response));
        button.disabled = false;
      }
    } catch (e) {
      showTaskError({ title: 'The server could not be reached', detail: e.message });
      button.disabled = false;
    }
  });

  function resume() {
    const task = new URLSearchParams(location.search).get('task');
    if (task) {
      watch(task);
    } else {
      if (source) {
        source.close();
      }
      $('task').hidden = true;
    }
  }

  window.addEventListener('popstate', resume);

  (async () => {
    try {
      const [info, loras] = await Promise.all(['/api/info', '/api/loras'].map(async url => {
        const response = await fetch(url, { headers: { 'Accept': 'application/json' } });
        if (!response.ok) {
          throw new Error(describe(await problemOf(response)));
        }
        return response.json();
      }));
      $('provider').textContent = 'Provider: ' + info.provider + (info.simulated ? ', simulated' : '');
      $('banner').hidden = !info.simulated;
      setUpLoras(loras);
      document.body.dataset.ready = 'true';
    } catch (e) {
      showFormError({ title: 'The server could not be reached', detail: e.message });
    }
    resume();
  })();
})();
