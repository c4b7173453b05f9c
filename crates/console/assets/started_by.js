// The "Started by" block of an execution that a trigger started: the event an EventBridge
// rule matched (its id, source and detail type), the rule, and the whole event on demand.

import { h } from './dom.js';

/**
 * The block's contents for a trigger.
 *
 * @param {import('./api.js').Trigger} trigger
 * @returns {HTMLElement[]}
 */
export function startedBy(trigger) {
  const eventText = typeof trigger.event === 'string' ? trigger.event : JSON.stringify(trigger.event, null, 2);
  const eventBox = h('pre', { class: 'code', id: 'trigger-event', hidden: true }, eventText);
  const toggle = h('button', {
    type: 'button', class: 'disclosure', id: 'trigger-event-toggle', 'aria-expanded': 'false', 'aria-controls': 'trigger-event',
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      eventBox.hidden = !open;
    },
  }, h('span', { class: 'chevron', 'aria-hidden': 'true' }), 'Event JSON');
  const about = [trigger.source, trigger.detailType].filter((part) => part !== null && part !== undefined && part !== '');
  return [
    h('span', { class: 'label' }, 'Started by'),
    h('span', { id: 'trigger-event-line', title: trigger.time ? `Event time ${trigger.time}` : null },
      'event ', h('code', { id: 'trigger-event-id' }, trigger.eventId), about.map((part) => [' · ', part])),
    h('span', { id: 'trigger-rule' }, 'rule ', h('code', { title: trigger.ruleArn }, trigger.ruleName)),
    toggle,
    eventBox,
  ];
}
