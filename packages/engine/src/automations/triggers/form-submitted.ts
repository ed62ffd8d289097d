import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger } from './define';

/** form.submitted {form}: a form was submitted; the subject is the created or merged record. */
export const formSubmitted = defineTrigger({
  type: 'form.submitted',
  configSchema: triggerConfigSchemas['form.submitted'],
  events: ['form.submitted'],
  run: async ({ event, config }, ctx) =>
    payloadString(event, 'form', 'formKey') === config.form
      ? { fires: true, subjects: [await recordSubject(event, ctx)] }
      : { fires: false },
});
