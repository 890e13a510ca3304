/**
 * Stand-in for `@salesforce/client/formFactor`: `?formFactor=Small|Medium|Large` in the page URL,
 * else from the window width at load (phone below 768 px, tablet below 1024 px), as the Salesforce
 * mobile app and Lightning Experience would report it.
 */
type FormFactor = 'Large' | 'Medium' | 'Small';

function detect(): FormFactor {
  const asked = new URLSearchParams(window.location.search).get('formFactor');
  if (asked === 'Small' || asked === 'Medium' || asked === 'Large') return asked;
  if (window.innerWidth < 768) return 'Small';
  return window.innerWidth < 1024 ? 'Medium' : 'Large';
}

const formFactor: FormFactor = detect();
export default formFactor;
